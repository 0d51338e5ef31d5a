using Distill.Students.Tokenization;

namespace Distill.Students.Inference;

/// <summary>
/// What runs a student's forward pass for <see cref="StudentPredictor"/> (issue 16): TorchSharp
/// (<see cref="TorchStudentBackend"/>) or ONNX Runtime on the exported fp32 or int8 graph
/// (<see cref="OnnxStudentBackend"/>). The tokenizer and labels travel with it, because an exported folder has
/// no TorchSharp model to take them from.
/// </summary>
public interface IStudentBackend : IDisposable
{
    /// <summary>"torch", "onnx" or "onnx-int8" (the names of <c>distill predict --backend</c>).</summary>
    string Name { get; }

    /// <summary>Where it runs, e.g. "cpu" or "cuda:0".</summary>
    string Device { get; }

    WordPieceEncoder Encoder { get; }

    /// <summary>Class names in logit order.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>The longest window the model takes ([CLS] and [SEP] included).</summary>
    int MaxLength { get; }

    /// <summary>Eval-mode logits, row-major (B, T, labels), for a padded batch.</summary>
    float[] Logits(PieceBatch batch);
}
