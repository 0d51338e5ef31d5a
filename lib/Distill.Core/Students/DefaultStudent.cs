using Distill.Students.Modeling;
using Distill.Students.Tokenization;
using static TorchSharp.torch;

namespace Distill.Students;

/// <summary>
/// The embedded default student, used when no pretrained checkpoint is given (none can be downloaded
/// here): a small BERT (<see cref="BertConfig.SmallDefault"/>: 4 layers, 256 hidden, 4 heads, 1024
/// intermediate) with random initialisation and a vocabulary built from the training text
/// (<see cref="VocabularyBuilder"/>). Everything it reports says "trained from scratch".
/// </summary>
internal static class DefaultStudent
{
    public const string Origin = "trained from scratch (no pretrained checkpoint): small BERT, 4 layers, 256 hidden, random initialisation, vocabulary built from the training text";

    /// <summary>
    /// Builds the vocabulary from <paramref name="texts"/> into <paramref name="directory"/>/vocab.txt and a
    /// freshly initialised model for <paramref name="labels"/>, seeded by <paramref name="seed"/>.
    /// </summary>
    public static StudentModel Create(IEnumerable<string> texts, IReadOnlyList<string> labels, string directory,
        int seed = 42, int vocabularySize = 8000, Func<BertConfig, BertConfig>? adjust = null, Device? device = null)
    {
        Directory.CreateDirectory(directory);
        var vocabPath = Path.Combine(directory, "vocab.txt");
        var vocabulary = VocabularyBuilder.Build(texts, vocabularySize);
        VocabularyBuilder.Write(vocabPath, vocabulary);
        var config = BertConfig.SmallDefault(vocabulary.Count).WithLabels(labels);
        if (adjust is not null) config = adjust(config) with { VocabSize = vocabulary.Count };
        manual_seed(seed);
        var model = new BertForTokenClassification(config, device);
        return new StudentModel(model, new WordPieceEncoder(vocabPath, lowerCase: true), Origin);
    }
}
