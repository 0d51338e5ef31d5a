using System.Globalization;
using System.Text;

namespace Distill.Students.LlmFineTuning;

/// <summary>
/// Woo et al.'s QLoRA settings for fine-tuning the LLM student on a GPU cluster: 4-bit NF4 base weights (double
/// quantization, bfloat16 compute), LoRA rank 8, alpha 16 on all linear layers, learning rate 2e-4 constant, 1 epoch,
/// sequences up to 12,000 tokens. <see cref="ToAxolotlYaml"/> writes it as an axolotl config over the OpenAI-format file
/// (axolotl's <c>chat_template</c> dataset type, loss on the assistant turn).
/// </summary>
public sealed record QloraConfig
{
    public string BaseModel { get; init; } = "meta-llama/Llama-3.1-8B-Instruct";
    public string QuantType { get; init; } = "nf4";
    public int LoraRank { get; init; } = 8;
    public int LoraAlpha { get; init; } = 16;
    public double LoraDropout { get; init; } = 0.05;
    public bool AllLinearLayers { get; init; } = true;
    public double LearningRate { get; init; } = 2e-4;
    public string Scheduler { get; init; } = "constant";
    public int Epochs { get; init; } = 1;
    public int MaxSequenceTokens { get; init; } = 12_000;

    public string ToAxolotlYaml(string trainFile, string validationFile, string outputDir = "./outputs/qa-student")
    {
        static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        var yaml = new StringBuilder();
        yaml.AppendLine("# QLoRA fine-tuning of the LLM student on synthetic QA pairs (distill, issue 19; settings of Woo et al.).");
        yaml.AppendLine("# Run on a GPU machine: axolotl train qlora.yaml");
        yaml.AppendLine($"base_model: {BaseModel}");
        yaml.AppendLine("load_in_4bit: true");
        yaml.AppendLine("adapter: qlora");
        yaml.AppendLine("bnb_config_kwargs:");
        yaml.AppendLine($"  bnb_4bit_quant_type: {QuantType}");
        yaml.AppendLine("  bnb_4bit_use_double_quant: true");
        yaml.AppendLine("  bnb_4bit_compute_dtype: bfloat16");
        yaml.AppendLine($"lora_r: {LoraRank}");
        yaml.AppendLine($"lora_alpha: {LoraAlpha}");
        yaml.AppendLine($"lora_dropout: {N(LoraDropout)}");
        yaml.AppendLine($"lora_target_linear: {(AllLinearLayers ? "true" : "false")}");
        yaml.AppendLine($"learning_rate: {N(LearningRate)}");
        yaml.AppendLine($"lr_scheduler: {Scheduler}");
        yaml.AppendLine($"num_epochs: {Epochs}");
        yaml.AppendLine($"sequence_len: {MaxSequenceTokens}");
        yaml.AppendLine("optimizer: paged_adamw_8bit");
        yaml.AppendLine("bf16: auto");
        yaml.AppendLine("gradient_checkpointing: true");
        yaml.AppendLine("micro_batch_size: 1");
        yaml.AppendLine("gradient_accumulation_steps: 8");
        yaml.AppendLine("datasets:");
        yaml.AppendLine($"  - path: {trainFile}");
        yaml.AppendLine("    type: chat_template");
        yaml.AppendLine("    field_messages: messages");
        yaml.AppendLine("    roles_to_train: [assistant]");
        yaml.AppendLine("test_datasets:");
        yaml.AppendLine($"  - path: {validationFile}");
        yaml.AppendLine("    type: chat_template");
        yaml.AppendLine("    field_messages: messages");
        yaml.AppendLine("    split: train");
        yaml.AppendLine($"output_dir: {outputDir}");
        return yaml.ToString();
    }
}
