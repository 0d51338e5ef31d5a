namespace Distill.Teachers.Embedding;

/// <summary>One timed pass of <see cref="EmbeddingTeacherBenchmark"/>.</summary>
/// <param name="Name">cold, warm or cached.</param>
/// <param name="What">What the pass starts from, in words.</param>
/// <param name="Wall">Wall time of the pass, teacher construction included.</param>
/// <param name="Cpu">Processor time of the whole process during the pass (all threads): the figure that other load on the machine does not inflate.</param>
/// <param name="TextsEncoded">Terms and phrases run through the encoder.</param>
/// <param name="Labelings">Documents labeled.</param>
/// <param name="FromCache">Of those, served from the teacher cache.</param>
/// <param name="EncoderLoaded">Whether the pass loaded the encoder at all.</param>
/// <param name="TermVectorsComputed">Term vectors computed (blocks not yet cached).</param>
/// <param name="TermVectorsRead">Term vectors read from the on-disk cache.</param>
public sealed record EmbeddingBenchmarkStep(string Name, string What, TimeSpan Wall, TimeSpan Cpu, long TextsEncoded, int Labelings, int FromCache,
    bool EncoderLoaded, int TermVectorsComputed, int TermVectorsRead);
