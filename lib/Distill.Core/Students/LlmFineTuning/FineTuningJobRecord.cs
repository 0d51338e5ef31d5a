namespace Distill.Students.LlmFineTuning;

/// <summary>What <c>distill qa finetune</c> records in <c>finetune-job.json</c>: the job, its files and the model it made.</summary>
/// <param name="Provider">openai or azure.</param>
/// <param name="BaseModel">The model fine-tuned.</param>
/// <param name="TrainingFileId">The uploaded training file.</param>
/// <param name="ValidationFileId">The uploaded validation file (null when none).</param>
/// <param name="JobId">The fine-tuning job.</param>
/// <param name="Status">Last status seen (validating_files, queued, running, succeeded, failed, cancelled).</param>
/// <param name="FineTunedModel">The resulting model's name once the job succeeded.</param>
/// <param name="Error">The service's error message when the job failed.</param>
public sealed record FineTuningJobRecord(string Provider, string BaseModel, string TrainingFileId, string? ValidationFileId, string JobId, string Status,
    string? FineTunedModel, string? Error)
{
    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";
}
