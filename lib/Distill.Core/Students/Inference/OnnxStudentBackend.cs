using Distill.Students.Modeling;
using Distill.Students.Onnx;
using Distill.Students.Tokenization;

namespace Distill.Students.Inference;

/// <summary>
/// ONNX Runtime on an exported graph as a backend: the fp32 <c>model.onnx</c> ("onnx") or the int8
/// <c>model_quantized.onnx</c> ("onnx-int8") of an export folder, with the tokenizer and labels read from the
/// same folder (config.json, vocab.txt, tokenizer_config.json), so no TorchSharp model is loaded.
/// </summary>
internal sealed class OnnxStudentBackend : IStudentBackend
{
    readonly OnnxStudentSession session;

    public OnnxStudentBackend(OnnxStudentSession session, string name, WordPieceEncoder encoder, IReadOnlyList<string> labels, int maxLength)
    {
        if (session.LabelCount != labels.Count)
            throw new InvalidDataException($"{session.Source}: the graph has {session.LabelCount} logits per piece but config.json names {labels.Count} labels.");
        this.session = session;
        Name = name;
        Encoder = encoder;
        Labels = labels;
        MaxLength = maxLength;
    }

    /// <summary>Opens <paramref name="graphFile"/> (model.onnx or model_quantized.onnx) of the export folder <paramref name="directory"/>.</summary>
    public static OnnxStudentBackend Open(string directory, string graphFile, string name, OnnxRuntimeOptions options)
    {
        var config = BertConfig.Load(Path.Combine(directory, "config.json"));
        var labels = config.Labels();
        if (labels.Count == 0) throw new InvalidDataException($"{Path.Combine(directory, "config.json")} has no id2label: not a token classifier's export.");
        var encoder = new WordPieceEncoder(Path.Combine(directory, "vocab.txt"), StudentModel.ReadLowerCase(directory));
        var session = OnnxStudentSession.Open(Path.Combine(directory, graphFile), options);
        try
        {
            return new OnnxStudentBackend(session, name, encoder, labels, Math.Min(512, config.MaxPositionEmbeddings));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public string Device => session.Device;

    public WordPieceEncoder Encoder { get; }

    public IReadOnlyList<string> Labels { get; }

    public int MaxLength { get; }

    public float[] Logits(PieceBatch batch) => session.Run(batch.InputIds, batch.AttentionMask, null, batch.BatchSize, batch.Length);

    public void Dispose() => session.Dispose();
}
