namespace Distill.Encoders;

/// <summary>A pretrained encoder's files, extracted from its package into a cache folder.</summary>
/// <param name="Encoder">Which encoder.</param>
/// <param name="Directory">The cache folder holding them.</param>
/// <param name="ModelPath">The ONNX graph (model.onnx).</param>
/// <param name="VocabPath">The WordPiece vocabulary (vocab.txt).</param>
/// <param name="ModelSha256">SHA-256 of model.onnx, for model cards and run manifests.</param>
/// <param name="VocabSha256">SHA-256 of vocab.txt.</param>
/// <param name="SourceAssembly">The package assembly they were read from.</param>
public sealed record EncoderFiles(
    PretrainedEncoder Encoder,
    string Directory,
    string ModelPath,
    string VocabPath,
    string ModelSha256,
    string VocabSha256,
    string SourceAssembly);
