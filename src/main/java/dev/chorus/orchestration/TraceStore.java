package dev.chorus.orchestration;

import java.util.List;

/** What each model did for an answer, kept with it for {@code /trace}. The store implements this. */
public interface TraceStore {
    void save(long answerId, List<Step> steps);

    /** The steps of answer {@code answerId} sent in {@code chatId}, in order; empty when unknown there. */
    List<Step> load(long answerId, long chatId);
}
