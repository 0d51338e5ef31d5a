using System.CommandLine;
using Distill.Students.Onnx;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill export`: a saved student as an ONNX folder in Hugging Face Optimum's layout (model.onnx, with --int8 also
/// model_quantized.onnx, plus config and tokenizer files), or as a Triton Inference Server model repository (issue 16).
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "student model directory (HF layout, as `distill train` saves it)", Required = true };
        var format = new Option<string>("--format") { Description = "onnx (Optimum's folder layout) or triton (a model repository)", DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong("onnx", "triton");
        var int8 = new Option<bool>("--int8") { Description = "also quantize every constant-weight MatMul to int8 (dynamic quantization); for triton, serve the int8 graph" };
        var output = new Option<string>("--out") { Description = "output folder (onnx: the export; triton: the model repository)", Required = true };
        var name = new Option<string>("--name") { Description = "triton: the model's name (its folder in the repository)", DefaultValueFactory = _ => "student" };
        var maxBatch = new Option<int>("--max-batch-size") { Description = "triton: max_batch_size of config.pbtxt", DefaultValueFactory = _ => 8 };
        var command = new Command("export", "Export a student as ONNX (model.onnx, optionally int8 model_quantized.onnx) or as a Triton model repository.");
        foreach (var o in new Option[] { model, format, int8, output, name, maxBatch }) command.Options.Add(o);
        command.SetGuardedAction(parse =>
        {
            var source = parse.GetValue(model)!;
            var target = parse.GetValue(output)!;
            var quantization = parse.GetValue(int8) ? new DynamicQuantizationOptions() : null;
            if (parse.GetValue(format) == "onnx")
            {
                var manifest = StudentOnnxExporter.Export(source, target, quantization);
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(target, StudentOnnxExporter.ModelFileName))}[/] (opset {manifest.Opset})" +
                    (quantization is null ? "" : $" and [bold]{Markup.Escape(StudentOnnxExporter.QuantizedModelFileName)}[/] ({manifest.QuantizedMatMuls} MatMuls in int8)") +
                    $", with {string.Join(", ", StudentOnnxExporter.CopiedFiles)}.");
            }
            else
            {
                using var student = StudentOnnxExporter.LoadStudent(source);
                var (graph, quantized) = StudentOnnxExporter.Build(student, quantization);
                var folder = TritonModelRepository.Write(target, parse.GetValue(name)!, quantized ?? graph, student.Labels, parse.GetValue(maxBatch));
                AnsiConsole.MarkupLine($"Wrote the Triton model [bold]{Markup.Escape(folder)}[/] ({TritonModelRepository.ConfigFileName}, 1/{StudentOnnxExporter.ModelFileName}" +
                    $"{(quantized is null ? "" : ", int8")}); serve it with tritonserver --model-repository {Markup.Escape(target)}.");
            }
            return 0;
        });
        return command;
    }
}
