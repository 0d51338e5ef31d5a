namespace Distill.Evaluation.CohortSelection;

/// <summary>
/// One row of the n2c2 2018 Track 1 scorer (<c>track1_eval.py</c>): for the "met" class precision, recall, specificity and
/// F1; for "not met" precision, recall and F1; the overall F1 (mean of the two F1s) and the AUC the scorer prints, which is
/// the balanced accuracy (sensitivity + specificity) / 2 of "met".
/// </summary>
public sealed record Track1Row(string Name, double MetPrecision, double MetRecall, double MetSpecificity, double MetF1,
    double NotMetPrecision, double NotMetRecall, double NotMetF1, double OverallF1, double BalancedAccuracy);

/// <summary>Per-criterion rows and the overall micro and macro rows, as the challenge's scorer prints them.</summary>
public sealed record Track1Scores(IReadOnlyList<Track1Row> Criteria, Track1Row Micro, Track1Row Macro, int Patients);
