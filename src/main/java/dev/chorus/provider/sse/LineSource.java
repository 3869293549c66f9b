package dev.chorus.provider.sse;

import java.io.IOException;
import java.io.Reader;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Splits a stream into lines ending in CRLF, LF or CR. A lone CR ends the line at once; a LF
 * right after it is skipped on the next read, so a live stream never blocks on a CR.
 */
abstract sealed class LineSource {

    protected boolean skipLf;
    protected boolean endedMidLine;

    /** The next line without its terminator, or null at end of stream (an unterminated tail is dropped). */
    abstract String next() throws IOException;

    /** True when the stream ended inside a line that had no terminator. */
    final boolean endedMidLine() {
        return endedMidLine;
    }

    static final class FromSource extends LineSource {
        private static final ByteString CR_OR_LF = ByteString.encodeUtf8("\r\n");
        private final BufferedSource source;

        FromSource(BufferedSource source) {
            this.source = source;
        }

        @Override
        String next() throws IOException {
            if (skipLf) {
                skipLf = false;
                if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
                    source.skip(1);
                }
            }
            long end = source.indexOfElement(CR_OR_LF);
            if (end == -1) {
                // indexOfElement only gives up at end of stream; what is buffered is a cut-off line.
                endedMidLine = source.getBuffer().size() > 0;
                source.getBuffer().clear();
                return null;
            }
            String line = source.readUtf8(end);
            skipLf = source.readByte() == '\r';
            return line;
        }
    }

    static final class FromReader extends LineSource {
        private final Reader reader;
        private final StringBuilder line = new StringBuilder();

        FromReader(Reader reader) {
            this.reader = reader;
        }

        @Override
        String next() throws IOException {
            line.setLength(0);
            while (true) {
                int c = reader.read();
                if (c == -1) {
                    endedMidLine = !line.isEmpty();
                    return null;
                }
                if (skipLf) {
                    skipLf = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    skipLf = c == '\r';
                    return line.toString();
                }
                line.append((char) c);
            }
        }
    }
}
