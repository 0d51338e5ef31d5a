using Distill.Students.Checkpoints;
using Distill.Students.Tokenization;
using static TorchSharp.torch;

namespace Distill.Students.Inference;

/// <summary>The student's own TorchSharp model as a backend (CPU or CUDA, wherever the model lives).</summary>
public sealed class TorchStudentBackend : IStudentBackend
{
    readonly bool ownsStudent;

    /// <param name="student">The model and its encoder.</param>
    /// <param name="ownsStudent">Whether <see cref="Dispose"/> disposes the student too.</param>
    /// <param name="loadReport">What loading the checkpoint did, when this backend loaded it.</param>
    public TorchStudentBackend(StudentModel student, bool ownsStudent = false, CheckpointLoadReport? loadReport = null)
    {
        Student = student;
        this.ownsStudent = ownsStudent;
        LoadReport = loadReport;
    }

    public StudentModel Student { get; }

    public CheckpointLoadReport? LoadReport { get; }

    public string Name => "torch";

    public string Device => Student.Model.Device.ToString();

    public WordPieceEncoder Encoder => Student.Encoder;

    public IReadOnlyList<string> Labels => Student.Labels;

    public int MaxLength => Student.MaxLength;

    /// <summary>
    /// Runs in eval mode under inference mode (no autograd records and no version counters, a little less than
    /// <c>no_grad</c> does per op), and puts a model that was training back into training mode.
    /// </summary>
    public float[] Logits(PieceBatch batch)
    {
        var model = Student.Model;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            var (ids, mask) = WindowBatch.Inputs(batch, model.Device);
            return model.forward(ids, mask, null).cpu().contiguous().data<float>().ToArray(); // (B, T, labels)
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    public void Dispose()
    {
        if (ownsStudent) Student.Dispose();
    }
}
