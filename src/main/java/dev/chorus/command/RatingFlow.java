package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.Ratings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 👍 / 👎 under every answer and {@code /rate <1-5> [comment]}: each is kept as a rating event of the
 * model (and /multi strategy) that answered. A person rates an answer once; pressing or rating again
 * changes that rating.
 */
final class RatingFlow {
    static final String UP = "up:";
    static final String DOWN = "dn:";
    private static final int GOOD = 5;
    private static final int BAD = 1;
    private static final int MAX_COMMENT = 500;

    private final Ratings ratings;
    private final ChatSessions sessions;

    RatingFlow(Ratings ratings, ChatSessions sessions) {
        this.ratings = ratings;
        this.sessions = sessions;
    }

    /** The buttons under answer {@code answerId}: {@code first} (such as Why and Trace), then 👍 and 👎. */
    static Reply.Button[] buttons(long answerId, Reply.Button... first) {
        return buttons(answerId, List.of(), first);
    }

    /** As above, with {@code after} following 👍 and 👎 (such as "↻ Better model"). */
    static Reply.Button[] buttons(long answerId, List<Reply.Button> after, Reply.Button... first) {
        List<Reply.Button> all = new ArrayList<>(List.of(first));
        all.add(new Reply.Button("👍", UP + answerId));
        all.add(new Reply.Button("👎", DOWN + answerId));
        all.addAll(after);
        return all.toArray(Reply.Button[]::new);
    }

    boolean onButton(Callback callback, ChatOutput out) {
        String data = callback.data();
        boolean up = data.startsWith(UP);
        if (!up && !data.startsWith(DOWN)) {
            return false;
        }
        Optional<Long> id = number(data.substring(data.indexOf(':') + 1));
        Optional<Ratings.Rated> rated = id.flatMap(a -> ratings.answer(a, callback.chatId()));
        if (rated.isEmpty()) {
            out.acknowledge(callback.callbackId(), callback.texts().get("rate.unknown_answer"));
            return true;
        }
        boolean changed = record(rated.get(), callback.chatId(), callback.userId(), up ? GOOD : BAD, null,
                Ratings.Source.BUTTON);
        out.acknowledge(callback.callbackId(), callback.texts().get(changed ? "rate.button_changed" : "rate.button_noted",
                up ? "👍" : "👎"));
        return true;
    }

    /** {@code /rate <1-5> [comment]}, as a reply to an answer (in a private chat: the last answer without one). */
    Reply rate(Incoming in, String args) {
        Texts t = in.texts();
        String[] parts = args.strip().split("\\s+", 2);
        Optional<Integer> score = number(parts[0]).filter(n -> n >= 1 && n <= 5).map(Long::intValue);
        if (score.isEmpty()) {
            return Reply.plain(t.get(in.chatKind() == ChatKind.PRIVATE ? "rate.usage_private" : "rate.usage_group"));
        }
        Optional<Long> answerId = in.repliedToBot() != null ? sessions.answerOf(in.chatId(), in.repliedToBot())
                : in.chatKind() == ChatKind.PRIVATE ? ratings.latestAnswer(in.chatId()) : Optional.empty();
        Optional<Ratings.Rated> rated = answerId.flatMap(a -> ratings.answer(a, in.chatId()));
        if (rated.isEmpty()) {
            return Reply.plain(t.get(in.repliedToBot() != null ? "rate.not_an_answer"
                    : in.chatKind() == ChatKind.PRIVATE ? "rate.nothing_yet" : "rate.reply_to_one"));
        }
        String comment = parts.length > 1 && !parts[1].isBlank() ? clip(parts[1].strip()) : null;
        boolean changed = record(rated.get(), in.chatId(), in.userId(), score.get(), comment, Ratings.Source.RATE);
        String what = rated.get().strategy() != null ? t.get("rate.run_led_by", rated.get().strategy(), rated.get().model())
                : rated.get().model();
        return Reply.plain(t.get(changed ? "rate.changed" : "rate.thanks", score.get(), what));
    }

    private boolean record(Ratings.Rated rated, long chatId, long userId, int score, String comment,
                           Ratings.Source source) {
        return ratings.record(new Ratings.Rating(rated.answerId(), chatId, userId, rated.model(), rated.strategy(),
                rated.question(), score, comment, source));
    }

    private static String clip(String comment) {
        return comment.length() <= MAX_COMMENT ? comment : comment.substring(0, MAX_COMMENT);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
