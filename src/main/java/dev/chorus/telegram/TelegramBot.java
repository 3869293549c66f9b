package dev.chorus.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.command.ChatAdmins;
import dev.chorus.command.ChatCommands;
import dev.chorus.command.CommandInfo;
import dev.chorus.config.TelegramSettings;
import dev.chorus.i18n.Language;
import dev.chorus.store.Outbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The running Telegram side of the bot: learns who it is ({@code getMe}), publishes its command
 * menu, and long-polls for updates until closed.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    private final TelegramBotsLongPollingApplication application; // null in webhook mode
    private final WebhookServer webhook; // null in polling mode
    private final ScheduledExecutorService pollScheduler;
    private final ChatSerialExecutor executor;
    private final OutboxSender sender;
    private final Outputs outputs;
    private final OkHttpClient http;
    private final String username;
    private final ChatCommands commands;
    private final Resumptions resumptions;

    private TelegramBot(TelegramBotsLongPollingApplication application, WebhookServer webhook,
                        ScheduledExecutorService pollScheduler,
                        ChatSerialExecutor executor, OutboxSender sender, Outputs outputs, OkHttpClient http,
                        String username, ChatCommands commands, Resumptions resumptions) {
        this.commands = commands;
        this.resumptions = resumptions;
        this.application = application;
        this.webhook = webhook;
        this.pollScheduler = pollScheduler;
        this.executor = executor;
        this.sender = sender;
        this.outputs = outputs;
        this.http = http;
        this.username = username;
    }

    /**
     * Sends {@code text} to each user's private chat through the outbox, in that user's language, so
     * it is delivered in order with what else that chat is owed, after an outage too. A user who never
     * started the bot cannot be written to (Telegram answers 403); that is logged once.
     */
    public void sendPrivately(Set<Long> userIds, dev.chorus.i18n.Phrase text) {
        for (long userId : userIds) {
            outputs.forChat(userId, null).send(dev.chorus.command.Reply.plain(commands.textsOf(userId).render(text)));
        }
    }

    /**
     * Connects and starts polling.
     *
     * @param commandsFor builds the command handler once the bot's username is known, given how to
     *     look up a group's admins
     * @throws TelegramStartException when Telegram cannot be reached or refuses the token
     */
    public static TelegramBot start(TelegramSettings settings, Set<Long> admins, Outbox outbox, Duration outboxExpiry,
                                    Clock clock, BiFunction<String, ChatAdmins, ChatCommands> commandsFor) {
        return start(settings, admins, outbox, outboxExpiry, clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), commandsFor);
    }

    /** @param metrics where the updates received are counted by type */
    public static TelegramBot start(TelegramSettings settings, Set<Long> admins, Outbox outbox, Duration outboxExpiry,
                                    Clock clock, io.micrometer.core.instrument.MeterRegistry metrics,
                                    BiFunction<String, ChatAdmins, ChatCommands> commandsFor) {
        return start(settings, admins, outbox, outboxExpiry, clock, metrics, null, commandsFor);
    }

    /**
     * @param seen the record of updates taken in webhook mode (null only in polling mode), so one
     *     posted again is handled once
     */
    public static TelegramBot start(TelegramSettings settings, Set<Long> admins, Outbox outbox, Duration outboxExpiry,
                                    Clock clock, io.micrometer.core.instrument.MeterRegistry metrics,
                                    dev.chorus.store.SeenUpdates seen,
                                    BiFunction<String, ChatAdmins, ChatCommands> commandsFor) {
        return start(settings, admins, outbox, outboxExpiry, clock, metrics, seen, null, commandsFor);
    }

    /**
     * @param chats the queues that keep each chat's updates in order across replicas (webhook
     *     mode with Redis), or null: this process's own order
     */
    public static TelegramBot start(TelegramSettings settings, Set<Long> admins, Outbox outbox, Duration outboxExpiry,
                                    Clock clock, io.micrometer.core.instrument.MeterRegistry metrics,
                                    dev.chorus.store.SeenUpdates seen, dev.chorus.shared.ChatQueues chats,
                                    BiFunction<String, ChatAdmins, ChatCommands> commandsFor) {
        // The read timeout must outlast a long poll, or every idle poll ends in an error.
        OkHttpClient http = new OkHttpClient.Builder()
                .readTimeout(settings.pollTimeout().plus(Duration.ofSeconds(15)))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        TelegramUrl url = telegramUrl(settings.baseUrl());
        String token = settings.token().reveal();
        TelegramGateway gateway = new TelegramGateway(new OkHttpTelegramClient(http, token, url),
                TelegramGateway.Sleeper.REAL);

        User me;
        try {
            me = getMe(new OkHttpTelegramClient(http, token, url), settings);
        } catch (TelegramStartException e) {
            closeHttp(http);
            throw e;
        }
        BotIdentity identity = new BotIdentity(me.getId(), me.getUserName());
        ChatCommands commands = commandsFor.apply(identity.username(), new TelegramChatAdmins(gateway));
        publishMenu(gateway, admins);

        SendPacer pacer = new SendPacer(SendPacer.TELEGRAM);
        OutboxSender sender = new OutboxSender(outbox, gateway, clock, outboxExpiry, pacer);
        int pruned = outbox.prune(Duration.ofDays(7));
        if (pruned > 0) {
            log.debug("forgot {} delivered messages older than a week", pruned);
        }
        long owed = outbox.pending();
        if (owed > 0) {
            log.info("{} messages from before the restart are still to be delivered", owed);
        }
        sender.start();
        Outputs outputs = new Outputs(gateway, new MessageFormatter(), Mailroom.of(outbox, sender), pacer);
        ChatSerialExecutor executor = new ChatSerialExecutor();
        UpdateHandler updates = new UpdateHandler(new UpdateTranslator(identity), commands, outputs, executor, metrics);
        // the chats' shared queues decide who answers a question again only where they carry the updates
        Resumptions resumptions = new Resumptions(commands, executor, outputs,
                settings.webhook().isPresent() ? chats : null);
        TelegramBotsLongPollingApplication application = null;
        WebhookServer webhook = null;
        ScheduledExecutorService pollScheduler = null;
        if (settings.webhook().isPresent()) {
            TelegramSettings.Webhook hook = settings.webhook().get();
            try {
                webhook = WebhookServer.start(hook, new ObjectMapper(), seen::first, seen::forget,
                        chats == null ? update -> updates.consume(List.of(update))
                                : SharedIntake.start(chats, updates, resumptions::chatMovedHere));
            } catch (java.io.IOException e) {
                sender.close();
                executor.close();
                closeHttp(http);
                throw new TelegramStartException("cannot listen for webhook updates on port " + hook.port() + ": "
                        + e.getMessage() + "; check telegram.webhook-port (env CHORUS_TELEGRAM_WEBHOOK_PORT)");
            }
            log.debug("forgot {} update ids older than two days", seen.prune(dev.chorus.store.SeenUpdates.KEPT));
            if (hook.publicUrl().isPresent()) {
                register(new OkHttpTelegramClient(http, token, url), hook);
            }
            log.info("Telegram bot @{} (id {}) takes webhook updates on port {} at {}{}", identity.username(),
                    identity.id(), webhook.port(), hook.path(), hook.publicUrl().map(u -> " (registered as " + u + ")")
                            .orElse(" (register it with setWebhook, or set telegram.webhook-url)"));
        } else {
            pollScheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("telegram-poll").daemon().factory());
            ScheduledExecutorService scheduler = pollScheduler;
            application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> scheduler);
            int pollSeconds = (int) settings.pollTimeout().toSeconds();
            try {
                application.registerBot(token, () -> url,
                        offset -> GetUpdates.builder().offset(offset + 1).timeout(pollSeconds).limit(100).build(),
                        updates);
            } catch (TelegramApiException e) {
                sender.close();
                executor.close();
                pollScheduler.shutdownNow();
                closeHttp(http);
                throw new TelegramStartException("cannot start long polling: " + TelegramGateway.describe(e));
            }
            log.info("Telegram bot @{} (id {}) is polling {}", identity.username(), identity.id(), settings.baseUrl());
        }
        TelegramBot bot = new TelegramBot(application, webhook, pollScheduler, executor, sender, outputs, http,
                identity.username(), commands, resumptions);
        bot.pickUpAbandoned();
        return bot;
    }

    /**
     * Answers again the questions a stopped process was answering (at start: the last run; with
     * replicas: any replica that stopped beating), each taken over by this process only.
     */
    public int pickUpAbandoned() {
        int resumed = resumptions.pickUpAbandoned();
        // messages a stopped replica had taken to send are free again once its claims run out
        sender.wake();
        return resumed;
    }

    /** Telegram's overall limit taken from {@code everyone}'s shared allowance while it is shared. */
    public void shareTelegramLimitThrough(dev.chorus.command.Allowances everyone) {
        outputs.pacer().shareThrough(everyone);
    }

    /** This process is one of {@code replicas} sending as the bot: it keeps to its share of Telegram's limit. */
    public void shareTelegramLimitWith(int replicas) {
        outputs.pacer().shareWith(replicas);
    }

    /** Whether updates are coming in: long polling is running, or the webhook server is listening. */
    public boolean isPolling() {
        return application == null ? webhook != null : application.isRunning();
    }

    /** How updates come in, for /health: polling or webhook. */
    public String intake() {
        return application == null ? "webhook" : "polling";
    }

    /**
     * Tells Telegram where to post: the public URL, the secret it must send, and only the update kinds
     * the bot handles. Refused, the bot still starts (the URL may be set by hand), saying why.
     */
    private static void register(OkHttpTelegramClient client, TelegramSettings.Webhook hook) {
        try {
            // not through the gateway: setWebhook is a multipart call (it may carry a certificate)
            client.execute(org.telegram.telegrambots.meta.api.methods.updates.SetWebhook.builder()
                    .url(hook.publicUrl().orElseThrow().toString()).secretToken(hook.secret().reveal())
                    .allowedUpdates(List.of("message", "callback_query")).build());
        } catch (TelegramApiException e) {
            log.warn("Telegram refused setWebhook for {}: {}", hook.publicUrl().get(), TelegramGateway.describe(e));
        }
    }

    public String username() {
        return username;
    }

    private static User getMe(OkHttpTelegramClient client, TelegramSettings settings) {
        try {
            return client.execute(new GetMe());
        } catch (TelegramApiRequestException e) {
            throw new TelegramStartException("Telegram refused the bot token (" + TelegramGateway.describe(e)
                    + "); check telegram.token (env TELEGRAM_BOT_TOKEN)");
        } catch (TelegramApiException e) {
            throw new TelegramStartException("cannot reach Telegram at " + settings.baseUrl() + ": "
                    + TelegramGateway.describe(e));
        }
    }

    /**
     * Everyone sees the menu of everyday commands; each admin's private chat also lists the admin ones.
     * Each menu is published in English (the default, for every other language) and once per other
     * language the bot speaks, which Telegram shows to users whose app is set to it.
     */
    private static void publishMenu(TelegramGateway gateway, Set<Long> admins) {
        for (Language language : Language.values()) {
            String code = language == Language.EN ? null : language.code();
            try {
                gateway.call(0, SetMyCommands.builder().commands(botCommands(ChatCommands.menu(language)))
                        .languageCode(code).build(), TelegramGateway.SHORT_PATIENCE);
                java.util.List<CommandInfo> adminMenu = new java.util.ArrayList<>(ChatCommands.menu(language));
                adminMenu.addAll(ChatCommands.adminMenu(language));
                for (long admin : admins) {
                    gateway.call(0, SetMyCommands.builder().commands(botCommands(adminMenu))
                            .scope(new BotCommandScopeChat(String.valueOf(admin))).languageCode(code).build(),
                            TelegramGateway.SHORT_PATIENCE);
                }
            } catch (TelegramGateway.RejectedCall e) {
                log.warn("could not publish the command menu ({}): {}", language.code(), e.getMessage());
            }
        }
    }

    private static java.util.List<BotCommand> botCommands(java.util.List<CommandInfo> menu) {
        java.util.List<BotCommand> commands = new java.util.ArrayList<>();
        for (CommandInfo c : menu) {
            commands.add(BotCommand.builder().command(c.command()).description(c.description()).build());
        }
        return commands;
    }

    static TelegramUrl telegramUrl(URI baseUrl) {
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : "https".equals(baseUrl.getScheme()) ? 443 : 80;
        return new TelegramUrl(baseUrl.getScheme(), baseUrl.getHost(), port, false);
    }

    @Override
    public void close() {
        if (webhook != null) {
            webhook.close();
        }
        if (application != null) {
            try {
                application.close();
            } catch (Exception e) {
                log.warn("error while stopping long polling: {}", TelegramGateway.describe(e));
            }
            pollScheduler.shutdownNow();
        }
        executor.close();
        sender.close();
        closeHttp(http);
    }

    /** OkHttp's threads and pooled connections would otherwise outlive the bot. */
    private static void closeHttp(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The bot could not connect to Telegram at start. */
    public static final class TelegramStartException extends RuntimeException {
        public TelegramStartException(String message) {
            super(message, null, false, false);
        }
    }
}
