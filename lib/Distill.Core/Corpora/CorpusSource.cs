
namespace Distill.Corpora;

/// <summary>
/// Loads the corpus a pipeline command names: a dataset of <c>data-manifests/</c> (e.g. <c>ncbi-disease</c>,
/// the embedded default), or a folder of our JSONL files
/// (<c>train.jsonl</c>, <c>dev.jsonl</c>, … one per split). Licensed datasets take the folder that holds their files.
/// </summary>
public static class CorpusSource
{
    public static Task<Corpus> LoadAsync(string corpus, string? path = null, CancellationToken cancellationToken = default) =>
        LoadAsync(corpus, path, null, cancellationToken);

    /// <summary>Loads <paramref name="corpus"/> with <paramref name="options"/> (e.g. <see cref="CorpusReadOptions.Encoding"/>; null: strict defaults).</summary>
    public static async Task<Corpus> LoadAsync(string corpus, string? path, CorpusReadOptions? options, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(corpus))
            return await CorpusCatalog.LoadJsonlAsync(corpus, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var names = DataManifest.ListNames();
        if (!names.Contains(corpus))
            throw new ArgumentException($"'{corpus}' is neither a folder of JSONL splits nor a dataset in data-manifests/ ({string.Join(", ", names)}).");
        var manifest = await DataManifest.FindAsync(corpus, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await CorpusCatalog.LoadAsync(manifest, path, options, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
