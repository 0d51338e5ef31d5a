namespace Distill.Students.Training;

/// <summary>
/// How a student is fine-tuned. Defaults are the reference study's (Vedula et al. 2024: AdamW,
/// lr 2e-5, weight decay 0.01, batch 8, 10 epochs) and HF Trainer's for what it leaves open.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Peak learning rate after warm-up. 2e-5 suits a pretrained BERT; see <see cref="FromScratch"/>.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Decoupled weight decay, applied to every weight except biases and LayerNorm parameters (as HF does).</summary>
    public double WeightDecay { get; init; } = 0.01;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Fraction of all steps over which the rate rises linearly from 0; it then falls linearly to 0.</summary>
    public double WarmupFraction { get; init; } = 0.1;

    /// <summary>Gradient clipping threshold on the global L2 norm.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Windows per optimiser step.</summary>
    public int BatchSize { get; init; } = 8;

    public int Epochs { get; init; } = 10;

    /// <summary>Stop after this many epochs without a better dev F1 (0 turns early stopping off).</summary>
    public int EarlyStoppingPatience { get; init; } = 3;

    /// <summary>Seeds weight initialisation, dropout and shuffling; epoch e uses Seed + e, so a resumed run shuffles as an uninterrupted one.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Longest window in word pieces, [CLS] and [SEP] included (capped by the model's positions).</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>Word pieces shared by consecutive windows of a long document.</summary>
    public int WindowOverlap { get; init; } = 64;

    public LabelMode LabelMode { get; init; } = LabelMode.Hard;

    /// <summary>Per-class weights of the hard-label cross-entropy, in the student's label order; null: unweighted (the default). The ADE marker student weighs its rare event class.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>
    /// What to do with a last checkpoint already in the output folder: continue it when it is the same run (default),
    /// continue whatever run it is, or start over. Not part of <see cref="TrainingRunKey"/>.
    /// </summary>
    public ResumeMode Resume { get; init; } = ResumeMode.SameRun;

    /// <summary>
    /// For the small packaged encoders (all-MiniLM-L6-v2, arctic-embed-xs: 6 layers × 384): lr 2e-4, 3 epochs,
    /// 512-piece windows, everything else as the reference. Chosen by NCBI Disease <b>dev</b> token F1 of MiniLM
    /// trained on the default study's distillation set (the union of mesh, morphology and abbreviation on the 593
    /// train abstracts), epochs 1/2/3: lr 5e-5 0.800/0.859/0.867, lr 1e-4 0.839/0.879/0.889, lr 2e-4 0.851/0.890/0.893.
    /// A 6-layer model wants a higher rate than BERT-base's 2e-5 (at 2e-5 it barely leaves its sentence-similarity
    /// optimum in 3 epochs). Three epochs, not the reference's 10, because dev F1 has flattened by then (+0.003 from
    /// epoch 2 to 3) and an epoch costs about 4 minutes on 2 CPU cores, so the full study with the human-label student
    /// stays under 45 minutes. 512-piece windows hold a whole NCBI abstract, so no mention is cut at a window edge.
    /// </summary>
    public static TrainingOptions PackagedEncoder { get; } = new() { LearningRate = 2e-4, Epochs = 3 };

    /// <summary>
    /// For a student trained from random initialisation: a higher rate (5e-4), since 2e-5 barely moves
    /// random weights in a few epochs; everything else as the reference.
    /// </summary>
    public static TrainingOptions FromScratch { get; } = new() { LearningRate = 5e-4 };

    /// <summary>These options with windows of <paramref name="maxLength"/> pieces; a shorter window keeps the overlap in proportion (at most an eighth, 64 of 512 by default).</summary>
    public TrainingOptions WithWindow(int maxLength) => this with { MaxLength = maxLength, WindowOverlap = Math.Min(WindowOverlap, maxLength / 8) };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public TrainingOptions Validate()
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"Training options: {what}");
        }
        Require(LearningRate > 0, $"LearningRate must be positive, got {LearningRate}.");
        Require(WeightDecay >= 0, $"WeightDecay must be >= 0, got {WeightDecay}.");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"betas must be in [0, 1), got {Beta1}, {Beta2}.");
        Require(WarmupFraction is >= 0 and < 1, $"WarmupFraction must be in [0, 1), got {WarmupFraction}.");
        Require(MaxGradNorm > 0, $"MaxGradNorm must be positive, got {MaxGradNorm}.");
        Require(BatchSize > 0, $"BatchSize must be positive, got {BatchSize}.");
        Require(Epochs > 0, $"Epochs must be positive, got {Epochs}.");
        Require(EarlyStoppingPatience >= 0, $"EarlyStoppingPatience must be >= 0, got {EarlyStoppingPatience}.");
        Require(MaxLength >= 8, $"MaxLength must be at least 8, got {MaxLength}.");
        Require(WindowOverlap >= 0 && WindowOverlap < MaxLength / 2, $"WindowOverlap must be in [0, MaxLength/2), got {WindowOverlap}.");
        return this;
    }
}
