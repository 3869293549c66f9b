package dev.chorus.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The Bot API client is the narrow seam here; its errors are built from the recorded error bodies. */
class TelegramGatewayTest {
    private final TelegramClient client = mock(TelegramClient.class);
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final TelegramGateway gateway = new TelegramGateway(client, slept::add);
    private final SendMessage send = SendMessage.builder().chatId(42L).text("hi").build();

    @Test
    void floodLimitWaitsWhatTelegramAsksThenSucceeds() throws Exception {
        Message sent = new Message();
        sent.setMessageId(7);
        when(client.execute(any(SendMessage.class)))
                .thenThrow(error("error_429_too_many_requests.json"))
                .thenReturn(sent);
        assertThat(gateway.call(42, send)).contains(sent);
        assertThat(slept).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aLongFloodIsWaitedOutInFullSoTheMessageIsNotLost() throws Exception {
        Message sent = new Message();
        sent.setMessageId(8);
        TelegramApiRequestException flood = error("error_429_too_many_requests.json");
        when(client.execute(any(SendMessage.class)))
                .thenThrow(flood, flood, flood, flood, flood, flood, flood, flood, flood, flood)
                .thenReturn(sent);
        assertThat(gateway.call(42, send)).contains(sent);
        assertThat(slept).hasSize(10).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void endlessFloodGivesUpOnlyAfterItsPatienceIsSpent() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_429_too_many_requests.json"));
        assertThatThrownBy(() -> gateway.call(42, send)).isInstanceOf(TelegramGateway.RejectedCall.class);
        Duration total = slept.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(TelegramGateway.FLOOD_PATIENCE);
        assertThat(slept).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void aCourtesyCallIsSkippedUnderAFloodLimitInsteadOfHoldingTheChat() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_429_too_many_requests.json"));
        assertThatThrownBy(() -> gateway.call(42, send, TelegramGateway.NO_PATIENCE))
                .isInstanceOf(TelegramGateway.RejectedCall.class);
        assertThat(slept).isEmpty();
        verify(client, times(1)).execute(any(SendMessage.class));
    }

    @Test
    void aFloodWaitCutShortByAnInterruptEndsTheCall() throws Exception {
        TelegramGateway interrupted = new TelegramGateway(client, wait -> Thread.currentThread().interrupt());
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_429_too_many_requests.json"));
        try {
            assertThat(interrupted.call(42, send)).isEmpty();
            verify(client, times(1)).execute(any(SendMessage.class));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void blockedChatIsSkippedQuietly() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_403_bot_blocked.json"));
        assertThat(gateway.call(42, send)).isEmpty();
        assertThat(gateway.call(42, send)).isEmpty();
        verify(client, times(2)).execute(any(SendMessage.class));
        assertThat(slept).isEmpty();
    }

    @Test
    void badRequestIsReportedToTheCallerWithTelegramsDescription() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_400_cant_parse_entities.json"));
        assertThatThrownBy(() -> gateway.call(42, send))
                .isInstanceOf(TelegramGateway.RejectedCall.class)
                .hasMessageContaining("can't parse entities");
    }

    @Test
    void networkErrorsOfRepeatableCallsAreRetriedThenGivenUp() throws Exception {
        var action = org.telegram.telegrambots.meta.api.methods.send.SendChatAction.builder().chatId(42L)
                .action("typing").build();
        when(client.execute(any(org.telegram.telegrambots.meta.api.methods.send.SendChatAction.class)))
                .thenThrow(new TelegramApiException("connection reset"));
        assertThat(gateway.call(42, action)).isEmpty();
        verify(client, times(3)).execute(any(org.telegram.telegrambots.meta.api.methods.send.SendChatAction.class));
    }

    @Test
    void aMessageWhoseRequestGotNoAnswerIsNotSentAgainBehindTheOutboxsBack() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(new TelegramApiException("Unable to execute sendmessage"));
        assertThat(gateway.call(42, send)).isEmpty();
        verify(client, times(1)).execute(any(SendMessage.class));
        assertThat(TelegramGateway.repeatable("sendChatAction")).isTrue();
        assertThat(TelegramGateway.repeatable("sendPhoto")).isFalse();
    }

    private static TelegramApiRequestException error(String fixture) {
        return new TelegramApiRequestException("Error executing method", TelegramFixtures.error(fixture));
    }
}
