package dev.chorus.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerSentEventReaderTest {

    /** The same text through both constructors; SLOW_SOURCE hands over one byte per read. */
    enum Input { READER, SOURCE, SLOW_SOURCE }

    private final List<ServerSentEvent> events = new ArrayList<>();

    private ServerSentEventReader reader(Input input, String text) {
        return switch (input) {
            case READER -> new ServerSentEventReader(new StringReader(text), events::add);
            case SOURCE -> new ServerSentEventReader(new Buffer().writeUtf8(text), events::add);
            case SLOW_SOURCE -> new ServerSentEventReader(Okio.buffer(new OneByteAtATime(text)), events::add);
        };
    }

    private ServerSentEventReader.Ending readAll(Input input, String text) throws IOException {
        return reader(input, text).readAll();
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void lfTerminatedEvents(Input input) throws IOException {
        assertThat(readAll(input, "data: one\n\ndata: two\n\n")).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).containsExactly(
                new ServerSentEvent(null, null, "one"), new ServerSentEvent(null, null, "two"));
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void crlfTerminatedEvents(Input input) throws IOException {
        assertThat(readAll(input, "data: one\r\n\r\ndata: two\r\n\r\n")).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("one", "two");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void crTerminatedEvents(Input input) throws IOException {
        assertThat(readAll(input, "data: one\r\rdata: two\r\r")).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("one", "two");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void mixedLineEndingsInOneStream(Input input) throws IOException {
        readAll(input, "data: a\rdata: b\r\ndata: c\n\r\n");
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("a\nb\nc");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void multiLineDataIsJoinedWithNewline(Input input) throws IOException {
        readAll(input, "data: {\"a\":\ndata: 1}\n\n");
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("{\"a\":\n1}");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void commentLinesAreIgnored(Input input) throws IOException {
        assertThat(readAll(input, ": OPENROUTER PROCESSING\n\ndata: x\n: keep-alive\n\n"))
                .isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).containsExactly(new ServerSentEvent(null, null, "x"));
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void onlyOneSpaceAfterTheColonIsOptional(Input input) throws IOException {
        readAll(input, "data:tight\n\ndata:  two spaces\n\ndata\n\n");
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("tight", " two spaces", "");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void eventTypeAppliesToOneEventAndIdCarriesOver(Input input) throws IOException {
        readAll(input, "event: message_start\nid: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");
        assertThat(events).containsExactly(
                new ServerSentEvent("7", "message_start", "a"),
                new ServerSentEvent("7", null, "b"),
                new ServerSentEvent("", null, "c"));
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void eventWithoutDataIsNotDispatched(Input input) throws IOException {
        assertThat(readAll(input, "event: ping\n\nretry: 10\nunknown: x\n\n")).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void streamCutInsideAnEventIsReportedAndNotDispatched(Input input) throws IOException {
        assertThat(readAll(input, "data: whole\n\ndata: half\n")).isEqualTo(ServerSentEventReader.Ending.MID_EVENT);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("whole");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void streamCutInsideALineIsReported(Input input) throws IOException {
        assertThat(readAll(input, "data: whole\n\ndata: {\"cho")).isEqualTo(ServerSentEventReader.Ending.MID_EVENT);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("whole");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void processNextEventStopsAfterEachEvent(Input input) throws IOException {
        ServerSentEventReader reader = reader(input, "data: 1\n\ndata: 2\n\n");
        assertThat(reader.processNextEvent()).isTrue();
        assertThat(events).hasSize(1);
        assertThat(reader.ending()).isNull();
        assertThat(reader.processNextEvent()).isTrue();
        assertThat(reader.processNextEvent()).isFalse();
        assertThat(reader.ending()).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(reader.processNextEvent()).isFalse();
        assertThat(events).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void utf8AndLeadingByteOrderMark(Input input) throws IOException {
        readAll(input, "\uFEFFdata: héllo 🦀\n\n");
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("héllo 🦀");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void emptyStreamIsClean(Input input) throws IOException {
        assertThat(readAll(input, "")).isEqualTo(ServerSentEventReader.Ending.CLEAN);
        assertThat(events).isEmpty();
    }

    /** A source that delivers one byte per read, as a slow network would split a CR from its LF. */
    private static final class OneByteAtATime implements Source {
        private final Buffer data;

        OneByteAtATime(String text) {
            data = new Buffer().writeUtf8(text);
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            return data.exhausted() ? -1 : data.read(sink, 1);
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }
}
