namespace Distill.Students.Training;

/// <summary>What training does when its output folder already holds a run's last checkpoint.</summary>
public enum ResumeMode
{
    /// <summary>
    /// Continue it only when it is the same run: the same training and dev data, starting model and options, as recorded
    /// in its state (<see cref="TrainingRunKey"/>); any other run there is a <see cref="ResumeConflictException"/>
    /// (issue 15: a finished run with other data or another model was resumed, trained 0 epochs and kept the old model).
    /// </summary>
    SameRun,

    /// <summary>Continue whatever run is there (CLI <c>--resume</c>); its vocabulary, labels and architecture must still fit.</summary>
    Always,

    /// <summary>Start over (CLI <c>--overwrite</c>): the checkpoint there is removed before the first epoch.</summary>
    Never,
}
