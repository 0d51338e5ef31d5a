using System.IO.Compression;
using Distill.Students.Checkpoints;

namespace Distill.Tests.Students.Checkpoints;

public sealed class PytorchCheckpointFileTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-pt-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static Dictionary<string, Action<Stream>> Floats(string key, params float[] values) =>
        new() { [key] = TorchSaveWriter.Bytes(values.SelectMany(BitConverter.GetBytes).ToArray()) };

    string Write(string name, TorchView view, IReadOnlyDictionary<string, Action<Stream>> storages, CompressionLevel level = CompressionLevel.NoCompression, object? key = null)
    {
        var path = Path.Combine(dir, name);
        TorchSaveWriter.Zip(path, TorchSaveWriter.Pickle([(key ?? "bert.embeddings.word_embeddings.weight", view)]), storages, level);
        return path;
    }

    [Fact]
    public void The_test_writer_produces_what_the_reader_reads()
    {
        // A transposed 2 x 3 view of a 6-float storage, as torch.save writes a weight.t().
        var path = Write("ok.bin", new TorchView(0, [2, 3], [1, 2], "0", 6), Floats("0", 1, 2, 3, 4, 5, 6));
        using var tensors = PytorchCheckpointFile.Read(path);
        var t = tensors.Tensors["bert.embeddings.word_embeddings.weight"];
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal([1f, 3f, 5f, 2f, 4f, 6f], t.data<float>().ToArray());
    }

    [Fact]
    public void A_stride_zero_view_larger_than_its_storage_is_refused_before_anything_is_read()
    {
        // Issue 15: 562 bytes viewing one float as 16384 x 16384 made the reader allocate 2.27 GB.
        var path = Write("stride0.bin", new TorchView(0, [16384, 16384], [0, 0], "0", 1), Floats("0", 1));
        var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path));
        Assert.Contains("'bert.embeddings.word_embeddings.weight'", e.Message);
        Assert.Contains("views more elements than its 1-element storage", e.Message);
    }

    [Theory]
    [InlineData(0, new long[] { 2, 3 }, new long[] { 3 }, "different ranks")]
    [InlineData(0, new long[] { 2, 3 }, new long[] { 3, -1 }, "negative")]
    [InlineData(-1, new long[] { 2 }, new long[] { 1 }, "negative")]
    [InlineData(5, new long[] { 2 }, new long[] { 1 }, "reads past the end of its 6-element storage")]
    [InlineData(0, new long[] { 2, 4 }, new long[] { 4, 1 }, "reads past the end")]
    [InlineData(0, new long[] { 3, 1L << 62 }, new long[] { 1L << 62, 1 }, "reads past the end")]
    public void A_view_that_does_not_fit_its_storage_is_refused(long offset, long[] size, long[] stride, string expected)
    {
        var path = Write("bad-view.bin", new TorchView(offset, size, stride, "0", 6), Floats("0", 1, 2, 3, 4, 5, 6));
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path)).Message);
    }

    [Fact]
    public void A_one_row_broadcast_like_bert_position_ids_still_loads()
    {
        // transformers registers position_ids as arange(n).expand((1, -1)): stride 0 on a dimension of size 1.
        var path = Write("ids.bin", new TorchView(0, [1, 4], [0, 1], "0", 4, "LongStorage"),
            new Dictionary<string, Action<Stream>> { ["0"] = TorchSaveWriter.Bytes(new long[] { 0, 1, 2, 3 }.SelectMany(BitConverter.GetBytes).ToArray()) },
            key: "bert.embeddings.position_ids");
        using var tensors = PytorchCheckpointFile.Read(path);
        Assert.Equal([0L, 1, 2, 3], tensors.Tensors["bert.embeddings.position_ids"].data<long>().ToArray());
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_declared_sizes_before_decompressing()
    {
        // Issue 15: 522 KB of deflated zeros declaring 512 MiB reached 1.22 GB before it was rejected. 64 MiB here.
        const long bytes = 64L << 20;
        var path = Write("bomb.bin", new TorchView(0, [bytes / 4], [1], "0", bytes / 4), new Dictionary<string, Action<Stream>> { ["0"] = TorchSaveWriter.Zeros(bytes) },
            CompressionLevel.Fastest);
        Assert.True(new FileInfo(path).Length < 1 << 20);
        var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path));
        Assert.Contains("declare 67,108,864 bytes, more than twice the file's size", e.Message);
    }

    [Fact]
    public void A_zip_whose_declared_size_lies_is_read_only_up_to_the_declared_size()
    {
        // The headers say 4 KiB (which the pickle agrees with); the deflate stream holds 64 MiB. Reading stops at the
        // declared size (the reader allocates exactly that and refuses anything after it; .NET's entry stream also ends there).
        var path = Write("liar.bin", new TorchView(0, [1024], [1], "0", 1024), new Dictionary<string, Action<Stream>> { ["0"] = TorchSaveWriter.Zeros(64L << 20) },
            CompressionLevel.Fastest);
        TorchSaveWriter.PatchDeclaredSize(path, "archive/data/0", 4096);
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var tensors = PytorchCheckpointFile.Read(path))
            Assert.Equal([1024L], tensors.Tensors.Single().Value.shape);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the reader inflated past the declared size");
    }

    [Fact]
    public void A_storage_whose_archive_size_disagrees_with_the_pickle_is_refused_before_reading()
    {
        var path = Write("short.bin", new TorchView(0, [4], [1], "0", 4), Floats("0", 1, 2));
        Assert.Contains("declares 8 bytes in the archive, but the pickle's 4 F32 elements need 16",
            Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path)).Message);
    }

    [Fact]
    public void A_model_budget_refuses_tensors_larger_than_the_config_allows()
    {
        var path = Write("big.bin", new TorchView(0, [6], [1], "0", 6), Floats("0", 1, 2, 3, 4, 5, 6));
        var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path, new CheckpointReadLimits(MaxTensorBytes: 16)));
        Assert.Contains("more than what the model's config allows (16 bytes)", e.Message);
    }

    [Fact]
    public void A_None_key_names_the_entry()
    {
        var path = Path.Combine(dir, "none-key.bin");
        TorchSaveWriter.Zip(path, TorchSaveWriter.Pickle([(null, new TorchView(0, [1], [1], "0", 1))]), Floats("0", 1));
        Assert.Contains("state dict entry #1 has a None key, not a string", Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path)).Message);
    }

    [Fact]
    public void Every_truncation_of_a_real_pickle_is_an_InvalidDataException_with_its_offset()
    {
        byte[] pickle;
        using (var zip = ZipFile.OpenRead(TinyBert.File("pytorch_model.bin")))
        using (var stream = zip.Entries.Single(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal)).Open())
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            pickle = memory.ToArray();
        }
        for (var cut = 0; cut < pickle.Length; cut++)
        {
            var path = Path.Combine(dir, "cut.bin");
            TorchSaveWriter.Zip(path, pickle[..cut], new Dictionary<string, Action<Stream>>());
            var e = Record.Exception(() => PytorchCheckpointFile.Read(path).Dispose());
            Assert.True(e is InvalidDataException, $"cut at {cut}: {e?.GetType().Name}: {e?.Message}");
            Assert.Contains(path, e!.Message);
        }
    }

    [Fact]
    public void Every_truncation_of_a_legacy_file_is_an_InvalidDataException()
    {
        var bytes = File.ReadAllBytes(TinyBert.File("legacy_pytorch_model.bin"));
        var path = Path.Combine(dir, "legacy-cut.bin");
        // Every cut inside the pickles (the first few KB), then every 997 bytes through the storages.
        var cuts = Enumerable.Range(1, Math.Min(bytes.Length - 1, 4000)).Concat(Enumerable.Range(0, bytes.Length / 997).Select(i => 4000 + i * 997)).Where(c => c < bytes.Length);
        foreach (var cut in cuts)
        {
            File.WriteAllBytes(path, bytes[..cut]);
            var e = Record.Exception(() => PytorchCheckpointFile.Read(path).Dispose());
            Assert.True(e is InvalidDataException, $"cut at {cut}: {e?.GetType().Name}: {e?.Message}");
        }
    }
    [Theory]
    [InlineData("pytorch_model.bin")]
    [InlineData("legacy_pytorch_model.bin")]
    public void Reads_the_state_dict_torch_save_wrote(string file)
    {
        using var checkpoint = PytorchCheckpointFile.Read(TinyBert.File(file));
        using var reference = SafetensorsFile.Read(TinyBert.File("model.safetensors"));
        Assert.Equal(reference.Tensors.Keys.Order(), checkpoint.Tensors.Keys.Order());
        foreach (var (name, t) in reference.Tensors)
            Assert.True(t.allclose(checkpoint.Tensors[name], rtol: 0, atol: 0), $"'{name}' differs between the two formats");
    }

    [Fact]
    public void A_pickle_that_calls_os_system_is_refused_without_running()
    {
        var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(TinyBert.File("malicious_pytorch_model.bin")));
        Assert.Contains("refuses global 'posix.system'", e.Message);
        Assert.Contains("never executes code", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_torch_checkpoint_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x80, 0x02, (byte)'}', (byte)'.']);
            var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path));
            Assert.Contains("neither a zip archive nor a legacy torch.save file", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
