namespace Distill.Corpora;

/// <summary>
/// Loads a dataset described by a <see cref="DataManifest"/> from a folder, by the manifest's format,
/// applying its label map and split definitions (including carved dev splits). Formats: <c>pubtator</c>,
/// <c>brat</c>, <c>n2c2-track1-xml</c>, <c>ade-corpus-v2</c>, and <c>jsonl</c> (any folder of <c>split.jsonl</c>
/// files, no manifest needed). MIMIC-III is a sampled pool, read with <see cref="MimicNoteEventsReader"/>.
/// </summary>
public static class CorpusCatalog
{
    public const string JsonlFormat = "jsonl";

    /// <summary>Loads a folder of our JSONL files (one per split).</summary>
    public static Task<Corpus> LoadJsonlAsync(string dir, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default) =>
        JsonlCorpusReader.ReadCorpusAsync(dir, null, options, report, cancellationToken);

    /// <summary>Loads the dataset of <paramref name="manifest"/> from <paramref name="dir"/> (default: its shipped copy).</summary>
    public static async Task<Corpus> LoadAsync(
        DataManifest manifest, string? dir = null, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default)
    {
        dir ??= manifest.ShippedDirectory
            ?? throw new ArgumentException($"Dataset '{manifest.Name}' is not shipped with the repository ({manifest.Access}); pass the folder that holds it. {manifest.HowToObtain}");
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Dataset folder for '{manifest.Name}' not found: {dir}");
        options = (options ?? CorpusReadOptions.Strict) with { LabelMap = options?.LabelMap ?? manifest.ToLabelMap() };
        var splits = new Dictionary<string, IReadOnlyList<Document>>();
        foreach (var split in manifest.Splits.Where(s => s.CarvedFrom is null))
        {
            var source = Path.Combine(dir, split.Source ?? throw new InvalidDataException($"Manifest '{manifest.Name}': split '{split.Name}' has neither source nor carved_from."));
            splits[split.Name] = await ReadSplitAsync(manifest, source, options, report, cancellationToken);
        }
        foreach (var split in manifest.Splits.Where(s => s.CarvedFrom is not null))
        {
            if (!splits.TryGetValue(split.CarvedFrom!, out var from))
                throw new InvalidDataException($"Manifest '{manifest.Name}': split '{split.Name}' is carved from '{split.CarvedFrom}', which has no source.");
            var count = split.Documents ?? throw new InvalidDataException($"Manifest '{manifest.Name}': carved split '{split.Name}' needs 'documents'.");
            var (remaining, carved) = SplitCarving.CarveOut(from, count, split.Seed ?? 0);
            splits[split.CarvedFrom!] = remaining;
            splits[split.Name] = carved;
        }
        return new Corpus(manifest.Name, splits);
    }

    static async Task<IReadOnlyList<Document>> ReadSplitAsync(
        DataManifest manifest, string source, CorpusReadOptions options, CorpusReadReport? report, CancellationToken cancellationToken)
    {
        var docs = new List<Document>();
        switch (manifest.Format)
        {
            case "pubtator":
                await foreach (var d in PubTatorReader.ReadAsync(source, options, report, cancellationToken)) docs.Add(d);
                break;
            case "brat":
                await foreach (var d in BratStandoffReader.ReadDirectoryAsync(source, options, report, cancellationToken)) docs.Add(d.Document);
                break;
            case "n2c2-track1-xml":
                await foreach (var p in N2c2Track1Reader.ReadDirectoryAsync(source, options, report, cancellationToken)) docs.Add(p.Document);
                break;
            case "ade-corpus-v2":
                await foreach (var s in AdeCorpusReader.ReadAsync(source, true, options, report, cancellationToken)) docs.Add(s.Document);
                break;
            case JsonlFormat:
                await foreach (var d in JsonlCorpusReader.ReadAsync(source, options, report, cancellationToken)) docs.Add(d);
                break;
            default:
                throw new NotSupportedException(
                    $"Dataset '{manifest.Name}' has format '{manifest.Format}', which has no corpus loader" +
                    (manifest.Format == "mimic-noteevents-csv" ? "; MIMIC-III is an unlabeled pool: sample it with MimicNoteEventsReader.SampleAsync." : "; export it to our JSONL format and load that folder."));
        }
        options.RequireDocuments(source, docs.Count);
        return docs;
    }
}
