using Distill.Reporting;
using Distill.Students.Pretrained;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>
/// Everything the ADE study (<c>distill reproduce --task ade</c>) can be told, with every default in this one place.
/// <see cref="Quick"/> makes it small enough for CI on 2 CPU cores (<see cref="QuickMeaning"/> is printed in every output).
/// </summary>
public sealed record AdeStudyOptions
{
    /// <summary>The ADE-Corpus-V2 folder (DRUG-AE.rel, DRUG-DOSE.rel, ADE-NEG.txt): a user's copy, never shipped.</summary>
    public required string CorpusPath { get; init; }

    public bool Quick { get; init; }

    /// <summary><c>offline</c> (default: the three offline relation teachers), <c>simulated</c> (plus simulated pair teachers, teaching only), or a teachers file whose LLM teachers become pair teachers.</summary>
    public string? Teachers { get; init; }

    /// <summary>The student's encoder: <c>minilm</c> (default), another packaged encoder, or a Hugging Face folder.</summary>
    public string Checkpoint { get; init; } = StudentCheckpoint.Default;

    public string ResultsFolder { get; init; } = RunFolder.DefaultResultsFolder;
    public string? RunId { get; init; }
    public string? CachePath { get; init; }
    public bool Offline { get; init; }
    public string Device { get; init; } = "auto";
    public double MachineUsdPerHour { get; init; } = 0.10;

    /// <summary>Seed of the PMID split (fixed: the same split on every machine).</summary>
    public int SplitSeed { get; init; } = 13;

    /// <summary>Seed of the students and of the quick subsamples.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Also train the drug-marker ablation student (one encoder pass per drug).</summary>
    public bool MarkerStudent { get; init; } = true;

    public int? Epochs { get; init; }
    public int? PoolLimit { get; init; }

    /// <summary>Sentences of each split used: quick 600 pool / 300 dev / 600 test (seeded samples); full: all.</summary>
    public int? ResolvedPoolLimit => PoolLimit ?? (Quick ? 600 : null);
    public int? DevLimit => Quick ? 300 : null;
    public int? TestLimit => Quick ? 600 : null;

    /// <summary>Student epochs: quick 2, full 3 (the packaged encoders' default, <c>TrainingOptions.PackagedEncoder</c>).</summary>
    public int ResolvedEpochs => Epochs ?? (Quick ? 2 : 3);

    /// <summary>Word pieces per sentence window: quick 64, full 128 (ADE-Corpus-V2 sentences average about 25 words).</summary>
    public int MaxLength => Quick ? 64 : 128;

    public int BootstrapResamples => Quick ? 300 : 1000;

    /// <summary>What quick means, for every table and log line of a quick run.</summary>
    public string QuickMeaning => Quick
        ? $"QUICK run: seeded samples of {ResolvedPoolLimit} pool / {DevLimit} dev / {TestLimit} test sentences, {ResolvedEpochs} epoch(s), {MaxLength}-piece windows, {BootstrapResamples} bootstrap resamples; not the study's numbers"
        : $"full run: every sentence of the PMID split, {ResolvedEpochs} epochs, {MaxLength}-piece windows, {BootstrapResamples} bootstrap resamples";
}
