package dev.chorus.provider.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The quantized all-MiniLM-L6-v2 sentence model, run in this process with ONNX Runtime. The model
 * ships inside its Maven artifact, so nothing is fetched at run time and no question leaves the
 * machine to be embedded. It was trained on English only.
 */
public final class LocalMiniLm implements Embedder {
    private final EmbeddingModel model;

    public LocalMiniLm() {
        // Runs on the caller's thread: one short question is one small ONNX run, not worth a pool.
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    @Override
    public float[] embed(String text) {
        return Embedder.normalized(model.embed(text).content().vector());
    }

    @Override
    public String name() {
        return "all-minilm-l6-v2-q (in-process)";
    }

    @Override
    public boolean understands(String language) {
        return "en".equals(language);
    }
}
