using Distill.Teachers.Embedding;

namespace Distill.Tests.Teachers.Embedding;

public sealed class TermEmbeddingFileTests
{
    static readonly float[] Vectors = [0.6f, 0.8f, 1f, 0f, -0.28f, 0.96f]; // 3 terms × 2 dimensions

    static string Written()
    {
        var path = Path.Combine(TeacherTestData.TempFolder(), "terms.bin");
        TermEmbeddingFile.Write(path, "minilm|onnx:abc|terms:def", 2, 3, Vectors);
        return path;
    }

    [Fact]
    public void A_written_file_reads_back_for_its_key_only()
    {
        var path = Written();
        var read = TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:def", 3);
        Assert.Equal(2, read!.Value.Dimension);
        Assert.Equal(Vectors, read.Value.Vectors);
        Assert.Null(TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:XYZ", 3)); // another term set
        Assert.Null(TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:def", 4)); // another count
        Assert.Null(TermEmbeddingFile.TryRead(path + ".missing", "minilm|onnx:abc|terms:def", 3));
    }

    [Fact]
    public void A_damaged_or_truncated_file_is_not_used()
    {
        var path = Written();
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x10; // a bit of a vector
        File.WriteAllBytes(path, bytes);
        Assert.Null(TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:def", 3));
        File.WriteAllBytes(path, bytes[..^5]);
        Assert.Null(TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:def", 3));
        File.WriteAllText(path, "not a cache file at all");
        Assert.Null(TermEmbeddingFile.TryRead(path, "minilm|onnx:abc|terms:def", 3));
    }
}
