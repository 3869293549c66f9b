package dev.chorus.orchestration.analysis;

/** Kinds of personal or secret data a question may carry, which should not reach an untrusted model. */
public enum PrivateData {
    EMAIL,
    PHONE,
    /** API keys, access tokens, bearer credentials and passwords typed after a "password:" label. */
    API_KEY_OR_TOKEN,
    /** A 13 to 19 digit number that passes the Luhn check. */
    CARD_NUMBER,
    /** An IBAN whose mod-97 check digits are valid. */
    IBAN
}
