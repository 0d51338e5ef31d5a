using System.Text.Json;
using System.Text.Json.Serialization;

namespace Distill.Corpora;

/// <summary>How a dataset may be obtained.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetAccess>))]
public enum DatasetAccess
{
    /// <summary>Freely downloadable (and, where its licence allows, shipped in <c>data/</c>).</summary>
    [JsonStringEnumMemberName("public")] Public,

    /// <summary>Needs a signed data use agreement (n2c2, PhysioNet credentialed access).</summary>
    [JsonStringEnumMemberName("data-use-agreement")] DataUseAgreement,
}

/// <summary>
/// One expected file. <see cref="Path"/> is relative to the dataset folder; when it contains <c>*</c> it
/// is a pattern (e.g. <c>train/*.ann</c>) and <see cref="Count"/> says how many files must match.
/// <see cref="Sha256"/> and <see cref="Bytes"/> are null where not known (data behind an agreement).
/// </summary>
public sealed record ManifestFile(string Path, string? Sha256 = null, long? Bytes = null, int? Count = null, string? Note = null)
{
    [JsonIgnore]
    public bool IsPattern => Path.Contains('*');
}

/// <summary>A split: where its documents come from and, where published, how many there are.</summary>
/// <param name="Name">Split name (<see cref="SplitNames"/>).</param>
/// <param name="Source">File or folder (relative to the dataset folder) holding it, or the split it is carved from.</param>
/// <param name="Documents">Expected number of documents, when known.</param>
/// <param name="Mentions">Expected number of mentions after the label map, when known.</param>
/// <param name="CarvedFrom">For a dev split made from another split: that split's name.</param>
/// <param name="Seed">For a carved split: the seed of <see cref="SplitCarving"/>.</param>
/// <param name="Description">Where the definition comes from.</param>
public sealed record ManifestSplit(
    string Name, string? Source = null, int? Documents = null, int? Mentions = null,
    string? CarvedFrom = null, int? Seed = null, string? Description = null);

/// <summary>
/// What we know about a dataset: name, citation, licence and access, how to get it, the files a copy
/// must hold (with sha256 where known), the split definitions (including the reference study's dev
/// carve-outs) and the label map to the study's types. Stored as <c>data-manifests/&lt;name&gt;.json</c>
/// (snake_case keys) and checked by <c>distill data verify</c>.
/// </summary>
public sealed record DataManifest(
    string Name,
    string Title,
    string Citation,
    string License,
    DatasetAccess Access,
    string HowToObtain,
    string Format,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ManifestSplit> Splits,
    IReadOnlyDictionary<string, string> LabelMap,
    UnmappedTypePolicy UnmappedTypes = UnmappedTypePolicy.Skip,
    string? ShippedIn = null,
    string? Notes = null)
{
    public const string FolderName = "data-manifests";

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The manifest's label map as a <see cref="Corpora.LabelMap"/>.</summary>
    public LabelMap ToLabelMap() => new(LabelMap, UnmappedTypes);

    /// <summary>The folder of the shipped copy (<see cref="ShippedIn"/>, relative to the repository), if any.</summary>
    public string? ShippedDirectory => ShippedIn is null ? null : System.IO.Path.Combine(Distill.Runtime.DistillPaths.Default.Home, ShippedIn);

    /// <summary>The repository's manifest folder.</summary>
    public static string DefaultFolder => Distill.Runtime.DistillPaths.Default.DataManifests;

    /// <summary>Loads one manifest; a bad file is an error naming the file, line and what is wrong.</summary>
    public static async Task<DataManifest> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data manifest not found: {path}", path);
        await using var stream = File.OpenRead(path);
        DataManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<DataManifest>(stream, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new CorpusFormatException(path, ex.LineNumber is { } l ? (int)l + 1 : null, $"not a valid data manifest: {ex.Message}", ex);
        }
        if (manifest is null)
            throw new CorpusFormatException(path, null, "is empty (null); expected a data manifest object.");
        var expectedName = System.IO.Path.GetFileNameWithoutExtension(path);
        if (manifest.Name != expectedName)
            throw new CorpusFormatException(path, null, $"names dataset '{manifest.Name}' but the file is {expectedName}.json; they must agree.");
        return manifest;
    }

    /// <summary>Loads <c>&lt;folder&gt;/&lt;name&gt;.json</c> (default folder: the repository's); an unknown name lists the known ones.</summary>
    public static Task<DataManifest> FindAsync(string name, string? folder = null, CancellationToken cancellationToken = default)
    {
        folder ??= DefaultFolder;
        var path = System.IO.Path.Combine(folder, name + ".json");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"No data manifest for '{name}' in {folder}; known datasets: {string.Join(", ", ListNames(folder))}.", path);
        return LoadAsync(path, cancellationToken);
    }

    /// <summary>The dataset names that have a manifest in <paramref name="folder"/>, sorted.</summary>
    public static IReadOnlyList<string> ListNames(string? folder = null)
    {
        folder ??= DefaultFolder;
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }
}
