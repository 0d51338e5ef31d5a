using Distill.Encoders;

namespace Distill.Tests.Encoders;

public sealed class PackagedEncoderStoreTests : IDisposable
{
    readonly string cache = Directory.CreateTempSubdirectory("distill-encoders-").FullName;

    public void Dispose() => Directory.Delete(cache, recursive: true);

    [Fact]
    public void Extracts_the_vocabulary_and_graph_once_and_serves_them_from_the_cache_afterwards()
    {
        var store = new PackagedEncoderStore(cache);
        var first = store.Get(PretrainedEncoders.ArcticXs);
        var vocab = File.ReadAllLines(first.VocabPath);
        Assert.Equal(30522, vocab.Length);
        Assert.Equal("[PAD]", vocab[0]);
        Assert.Contains("[CLS]", vocab);
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(first.ModelPath));
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], model.Graph.Input.Select(i => i.Name));

        var written = File.GetLastWriteTimeUtc(first.ModelPath);
        var second = store.Get(PretrainedEncoders.ArcticXs);
        Assert.Equal(first.ModelSha256, second.ModelSha256);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.ModelPath)); // not extracted again
    }

    [Fact]
    public void A_truncated_extraction_is_redone()
    {
        var store = new PackagedEncoderStore(cache);
        var files = store.Get(PretrainedEncoders.ArcticXs);
        File.WriteAllText(files.VocabPath, "[PAD]\n");
        var again = store.Get(PretrainedEncoders.ArcticXs);
        Assert.Equal(30522, File.ReadAllLines(again.VocabPath).Length);
    }

    [Fact]
    public void A_missing_package_says_how_to_restore_it()
    {
        var fake = PretrainedEncoders.MiniLm with { PackageId = "No.Such.Package", AssemblyFile = "No.Such.Package.dll" };
        var error = Assert.Throws<FileNotFoundException>(() => new PackagedEncoderStore(cache, [cache]).FindAssembly(fake));
        Assert.Contains("dotnet restore", error.Message);
    }

    [Fact]
    public void Resources_are_read_from_assembly_metadata_and_a_wrong_name_lists_what_is_there()
    {
        var assembly = new PackagedEncoderStore(cache).FindAssembly(PretrainedEncoders.MiniLm);
        Assert.Contains(PretrainedEncoders.MiniLm.ModelResource, ManifestResourceReader.Names(assembly));
        var error = Assert.Throws<KeyNotFoundException>(() => ManifestResourceReader.CopyTo(assembly, "nope", Stream.Null));
        Assert.Contains(PretrainedEncoders.MiniLm.VocabResource, error.Message);
        Assert.Throws<InvalidDataException>(() => ManifestResourceReader.Names(Path.Combine(RepositoryRoot.Path, "README.md")));
    }
}
