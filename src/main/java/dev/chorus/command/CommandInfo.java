package dev.chorus.command;

/** A command as listed in Telegram's menu. */
public record CommandInfo(String command, String description) {
}
