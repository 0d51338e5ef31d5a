using Distill.Corpora;

namespace Distill.Students.Training;

/// <summary>
/// One training (or dev) document as the student learns from it: word tokens with one IO tag each
/// and, for soft-label training, one probability vector per token over <see cref="ProbabilityLabels"/>.
/// </summary>
public sealed record TrainingDocument
{
    public TrainingDocument(string id, string text, IReadOnlyList<Token> tokens, IReadOnlyList<string> tags,
        IReadOnlyList<string>? probabilityLabels = null, IReadOnlyList<float[]>? probabilities = null)
    {
        if (tokens.Count != tags.Count)
            throw new ArgumentException($"Document '{id}': {tokens.Count} tokens but {tags.Count} tags.");
        if ((probabilities is null) != (probabilityLabels is null))
            throw new ArgumentException($"Document '{id}': probabilities and their label order come together.");
        if (probabilities is not null)
        {
            if (probabilities.Count != tokens.Count)
                throw new ArgumentException($"Document '{id}': {tokens.Count} tokens but {probabilities.Count} probability vectors.");
            var bad = probabilities.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Length != probabilityLabels!.Count);
            if (bad.p is not null)
                throw new ArgumentException($"Document '{id}': token {bad.i} has {bad.p.Length} probabilities for {probabilityLabels!.Count} labels.");
        }
        Id = id;
        Text = text;
        Tokens = tokens;
        Tags = tags;
        ProbabilityLabels = probabilityLabels;
        Probabilities = probabilities;
    }

    public string Id { get; }
    public string Text { get; }
    public IReadOnlyList<Token> Tokens { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string>? ProbabilityLabels { get; }
    public IReadOnlyList<float[]>? Probabilities { get; }

    /// <summary>A gold document: word tokens from <see cref="ClinicalWordTokenizer"/>, tags from <see cref="IoTagging.Encode"/>.</summary>
    public static TrainingDocument FromGold(Document document)
    {
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(document.Text);
        return new TrainingDocument(document.Id, document.Text, tokens, IoTagging.Encode(tokens, document.Spans));
    }
}
