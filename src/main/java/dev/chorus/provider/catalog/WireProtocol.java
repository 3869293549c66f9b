package dev.chorus.provider.catalog;

/** The HTTP dialect a model is spoken to in; one client implementation per protocol. */
public enum WireProtocol {
    /** {@code POST /chat/completions}: OpenAI, Mistral, xAI, OpenRouter, Ollama's /v1, vLLM, llama.cpp, LM Studio. */
    OPENAI_CHAT,
    /** Anthropic's native {@code POST /messages}. */
    ANTHROPIC_MESSAGES
}
