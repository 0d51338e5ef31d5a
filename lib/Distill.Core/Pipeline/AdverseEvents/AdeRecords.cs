using System.Text.Json.Serialization;

namespace Distill.Pipeline.AdverseEvents;

/// <summary><c>inputs/split.json</c>: which sentences each split holds (ids), so a resumed run can check it has the same split.</summary>
public sealed record AdeSplitRecord(int Seed, bool Quick, string Description, IReadOnlyList<string> Pool, IReadOnlyList<string> Dev, IReadOnlyList<string> Test);

/// <summary>One subset × rule of the pair search as stored in <c>search/pair-search.json</c>.</summary>
public sealed record AdeSearchRow(string Teachers, string Rule, double StrictF1, double StrictPrecision, double StrictRecall, double LenientF1, double CostPerSentence, double SecondsPerSentence);

/// <summary><c>search/pair-search.json</c>: the teachers, each teacher alone on dev, the choice and every row.</summary>
public sealed record AdeSearchRecord(IReadOnlyList<string> Teachers, AdeSearchRow Chosen, IReadOnlyList<AdeSearchRow> Rows);

/// <summary><c>predictions/&lt;system&gt;.timing.json</c>: how long predicting the test split took, and under which event bias (0 in files written before it was chosen).</summary>
public sealed record AdePredictionTiming(string System, int Sentences, double Seconds, double EventBias = 0);

/// <summary>One student at one event bias on dev (<c>search/event-bias.json</c>).</summary>
public sealed record AdeEventBiasRow(string Student, double Bias, double StrictPrecision, double StrictRecall, double StrictF1, double LenientF1);

/// <summary><c>search/event-bias.json</c>: the dev sentences and student weights it was computed on, each student's chosen bias, every row.</summary>
public sealed record AdeEventBiasRecord(IReadOnlyList<string> Dev, IReadOnlyDictionary<string, string> StudentWeights, IReadOnlyDictionary<string, double> Chosen,
    IReadOnlyList<AdeEventBiasRow> Rows);

/// <summary>One system's row of the study table (test split).</summary>
public sealed record AdeStudyRow(string System, string Kind, double StrictPrecision, double StrictRecall, double StrictF1, double StrictLow, double StrictHigh,
    double LenientF1, double LenientLow, double LenientHigh, double SecondsPerSentence, double DollarsPerSentence, string CostNote);

/// <summary>Drug NER token-level score of one system on the test split's annotated sentences.</summary>
public sealed record AdeDrugNerRow(string System, double Precision, double Recall, double F1, double Low, double High);

/// <summary>A student against the teacher combination on the test split: paired sentence-bootstrap difference of pair F1 (student − combination).</summary>
public sealed record AdeComparisonRow(string Student, string Against, string Matching, double Difference, double Low, double High, double PValue);

/// <summary><c>report.json</c>: the study's tables and what produced them (<see cref="Comparisons"/> is absent in reports written before it was added).</summary>
public sealed record AdeReportRecord(string RunId, string Mode, string Split, int TestSentences, IReadOnlyList<AdeStudyRow> Pairs, IReadOnlyList<AdeDrugNerRow> DrugNer,
    AdeSearchRow Combination, double Minutes, IReadOnlyList<string> Notes, IReadOnlyList<AdeComparisonRow>? Comparisons = null);

/// <summary>Source-generated contracts of the ADE pipeline's files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AdeSplitRecord))]
[JsonSerializable(typeof(AdeSearchRecord))]
[JsonSerializable(typeof(AdePredictionTiming))]
[JsonSerializable(typeof(AdeEventBiasRecord))]
[JsonSerializable(typeof(AdeReportRecord))]
public sealed partial class AdePipelineJsonContext : JsonSerializerContext;
