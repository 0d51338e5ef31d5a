using Distill.Reporting;

namespace Distill.Pipeline;

/// <summary>
/// Every path of a study's run folder, in one place: the report's own layout (<see cref="RunFolder"/>: manifest, gold,
/// predictions, costs, epochs, tables, plots, report page) and the study's (stage log, search outputs, students,
/// inputs, notebooks, the shared plotly.js). Stages write where this says and the report scores the files there.
/// </summary>
public sealed record RunLayout(RunFolder Folder)
{
    public static RunLayout For(string resultsFolder, string runId) => new(RunFolder.For(resultsFolder, runId));

    public string Root => Folder.Root;
    public string RunId => Folder.RunId;

    /// <summary>Which stages finished, with their times (<see cref="StageLog"/>).</summary>
    public string StageLog => Path.Combine(Root, "stages.json");

    /// <summary>The subset search's tables, figures, training set and dev set.</summary>
    public string Search => Path.Combine(Root, "search");

    public string TrainingSet => Path.Combine(Search, SearchStage.TrainingSetFileName);
    public string DevSet => Path.Combine(Search, SearchStage.DevSetFileName);

    /// <summary>Training inputs that are not the search's: the pool's human labels for the gold student.</summary>
    public string Inputs => Path.Combine(Root, "inputs");

    public string PoolGold => Path.Combine(Inputs, "pool-gold.jsonl");

    /// <summary>A student's folder: <c>student-distilled/</c>, <c>student-gold/</c> (the human-label student), else the system name with '-' for '.'.</summary>
    public string Student(string system) => Path.Combine(Root, system switch
    {
        StudySystemNames.DistilledStudent => "student-distilled",
        StudySystemNames.GoldStudent => "student-gold",
        _ => system.Replace('.', '-'),
    });

    /// <summary>A system's predictions on test, where the report reads them.</summary>
    public string Predictions(string system) => Path.Combine(Root, RunFolder.PredictionsFileFor(system));

    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The one plotly.js of the run's pages besides report.html (search figures, notebooks and their exports).</summary>
    public string SharedPlotly => Path.Combine(Root, PlotlyLibrary.FileName);

    /// <summary>How a page one folder down (search/, notebooks/) references <see cref="SharedPlotly"/>.</summary>
    public PlotlyReference SharedPlotlyFromSubfolder => PlotlyReference.Shared("../" + PlotlyLibrary.FileName);
}
