using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class DataManifestTests : IDisposable
{
    static readonly string Manifests = Path.Combine(RepositoryRoot.Path, DataManifest.FolderName);
    static readonly string ShippedNcbi = Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease");
    readonly string dir = Directory.CreateTempSubdirectory("distill-manifest-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Every_dataset_of_the_study_has_a_manifest_that_loads()
    {
        Assert.Equal(["ade-corpus-v2", "coral", "medalign", "mimic-iii", "n2c2-2018-track1", "n2c2-2018-track2", "ncbi-disease"], DataManifest.ListNames(Manifests));
        foreach (var name in DataManifest.ListNames(Manifests))
        {
            var m = await DataManifest.FindAsync(name, Manifests);
            Assert.False(string.IsNullOrWhiteSpace(m.Citation));
            Assert.False(string.IsNullOrWhiteSpace(m.HowToObtain));
            Assert.False(string.IsNullOrWhiteSpace(m.License));
        }
    }

    [Fact]
    public async Task Reference_study_dev_carve_outs_are_recorded()
    {
        var n2c2 = await DataManifest.FindAsync("n2c2-2018-track2", Manifests);
        var coral = await DataManifest.FindAsync("coral", Manifests);

        var n2c2Dev = n2c2.Splits.Single(s => s.Name == SplitNames.Dev);
        var coralDev = coral.Splits.Single(s => s.Name == SplitNames.Dev);
        Assert.Equal((SplitNames.Train, 25), (n2c2Dev.CarvedFrom, n2c2Dev.Documents));
        Assert.Equal((SplitNames.Test, 5), (coralDev.CarvedFrom, coralDev.Documents));
        Assert.Equal("medication", n2c2.ToLabelMap().Resolve("Drug", out var mapped) == LabelResolution.Mapped ? mapped : null);
        Assert.Equal(DatasetAccess.DataUseAgreement, n2c2.Access);
    }

    [Fact]
    public async Task Ncbi_manifest_matches_the_shipped_files_and_the_reader()
    {
        var manifest = await DataManifest.FindAsync(NcbiDiseaseCorpus.Name, Manifests);

        var result = await ManifestVerifier.VerifyAsync(manifest, ShippedNcbi);
        var corpus = await CorpusCatalog.LoadAsync(manifest, ShippedNcbi);

        Assert.True(result.Passed, string.Join("\n", result.Files.Where(f => !f.Passed)));
        Assert.All(result.Files, f => Assert.Equal(FileCheckStatus.Ok, f.Status));
        Assert.Equal(DatasetAccess.Public, manifest.Access);
        foreach (var split in manifest.Splits)
        {
            Assert.Equal(split.Documents, corpus.Split(split.Name).Count);
            Assert.Equal(split.Mentions, corpus.Split(split.Name).Sum(d => d.Spans.Count));
        }
    }

    [Fact]
    public async Task Verify_reports_changed_and_missing_files()
    {
        var manifest = await DataManifest.FindAsync(NcbiDiseaseCorpus.Name, Manifests);
        CopyDirectory(ShippedNcbi, dir);
        var train = Path.Combine(dir, NcbiDiseaseCorpus.SplitFiles[SplitNames.Train]);
        var bytes = await File.ReadAllBytesAsync(train);
        bytes[100] ^= 1; // same size, one bit different
        await File.WriteAllBytesAsync(train, bytes);
        File.Delete(Path.Combine(dir, "conll", "test.tsv"));
        await File.AppendAllTextAsync(Path.Combine(dir, "README.md"), "x");

        var result = await ManifestVerifier.VerifyAsync(manifest, dir);

        Assert.False(result.Passed);
        var status = result.Files.ToDictionary(f => f.Path, f => f.Status);
        Assert.Equal(FileCheckStatus.HashMismatch, status["original-data/train/NCBItrainset_corpus.txt"]);
        Assert.Equal(FileCheckStatus.Missing, status["conll/test.tsv"]);
        Assert.Equal(FileCheckStatus.SizeMismatch, status["README.md"]);
        Assert.Equal(6, result.Files.Count(f => f.Status == FileCheckStatus.Ok));
    }

    [Fact]
    public async Task Pattern_files_are_counted_and_carved_dev_split_is_reproducible()
    {
        // A BRAT dataset laid out like n2c2 2018 Track 2, with our synthetic notes.
        foreach (var split in new[] { "train", "test" })
        {
            Directory.CreateDirectory(Path.Combine(dir, split));
            foreach (var f in Directory.GetFiles(CorpusTestData.Path("n2c2-2018-track2")))
                File.Copy(f, Path.Combine(dir, split, Path.GetFileName(f)));
        }
        var manifest = new DataManifest("toy", "Toy", "none", "none", DatasetAccess.Public, "here", "brat",
            [new ManifestFile("train/*.ann", Count: 2), new ManifestFile("test/*.ann", Count: 3)],
            [new ManifestSplit("train", "train"), new ManifestSplit("test", "test"), new ManifestSplit("dev", CarvedFrom: "train", Documents: 1, Seed: 7)],
            new Dictionary<string, string> { ["Drug"] = "medication" });

        var result = await ManifestVerifier.VerifyAsync(manifest, dir);
        var a = await CorpusCatalog.LoadAsync(manifest, dir);
        var b = await CorpusCatalog.LoadAsync(manifest, dir);

        Assert.Equal([FileCheckStatus.Ok, FileCheckStatus.CountMismatch], result.Files.Select(f => f.Status));
        Assert.Single(a.Split("dev"));
        Assert.Single(a.Split("train"));
        Assert.Equal(a.Split("dev")[0].Id, b.Split("dev")[0].Id);
        Assert.DoesNotContain(a.Split("dev")[0].Id, a.Split("train").Select(d => d.Id));
    }

    [Fact]
    public async Task Bad_manifest_is_an_error_naming_the_file()
    {
        var path = Path.Combine(dir, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"name\": \"broken\",\n  \"title\": 5\n}");

        var ex = await Assert.ThrowsAsync<CorpusFormatException>(() => DataManifest.LoadAsync(path));

        Assert.Equal(path, ex.File);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public async Task Unknown_dataset_lists_the_known_ones()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => DataManifest.FindAsync("nope", Manifests));

        Assert.Contains("ncbi-disease", ex.Message);
    }

    static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
