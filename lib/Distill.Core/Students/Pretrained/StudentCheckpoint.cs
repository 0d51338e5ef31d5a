using Distill.Encoders;

namespace Distill.Students.Pretrained;

/// <summary>
/// What <c>--model</c> names: a pretrained encoder from <see cref="PretrainedEncoders"/> (<c>minilm</c>, the default,
/// or <c>arctic-xs</c>), <c>scratch</c> (the small BERT trained from random initialisation), or a Hugging Face
/// model folder (BERT, BioBERT, Bio_ClinicalBERT, or a student saved by distill).
/// </summary>
public static class StudentCheckpoint
{
    /// <summary>The default student: the pretrained all-MiniLM-L6-v2 encoder.</summary>
    public const string Default = "minilm";

    /// <summary>The name that asks for the small BERT trained from scratch.</summary>
    public const string Scratch = "scratch";

    /// <summary>Every name <c>--model</c> accepts besides a folder.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PretrainedEncoders.All.Select(e => e.Name), Scratch];

    /// <summary>
    /// What <paramref name="spec"/> names, importing a packaged encoder into
    /// <c>&lt;cacheDirectory&gt;/models/&lt;name&gt;-&lt;version&gt;/</c> the first time. A spec that is neither a
    /// name nor an existing folder is an <see cref="ArgumentException"/> saying what is accepted.
    /// </summary>
    public static StudentSource Resolve(string? spec, string cacheDirectory)
    {
        spec = string.IsNullOrWhiteSpace(spec) ? Default : spec.Trim();
        if (string.Equals(spec, Scratch, StringComparison.OrdinalIgnoreCase)) return new StudentSource(StudentSourceKind.Scratch, null, null);
        if (PretrainedEncoders.Find(spec) is { } encoder)
            return new StudentSource(StudentSourceKind.PackagedEncoder, EnsureImported(encoder, cacheDirectory), encoder);
        if (Directory.Exists(spec)) return new StudentSource(StudentSourceKind.Folder, Path.GetFullPath(spec), null);
        throw new ArgumentException($"--model '{spec}': not a model folder and not one of {string.Join(", ", Names)}.");
    }

    /// <summary>The imported folder of <paramref name="encoder"/>, importing it first if it is not complete.</summary>
    public static string EnsureImported(PretrainedEncoder encoder, string cacheDirectory)
    {
        var directory = Path.Combine(Path.GetFullPath(cacheDirectory), "models", $"{encoder.Name}-{encoder.PackageVersion}");
        // README.md is written last before the folder is renamed into place, so its presence means a whole import.
        if (File.Exists(Path.Combine(directory, "README.md")) && File.Exists(Path.Combine(directory, "model.safetensors"))) return directory;
        var files = new PackagedEncoderStore(Path.Combine(cacheDirectory, "encoders")).Get(encoder);
        return PretrainedImporter.Import(files, directory).Directory;
    }
}
