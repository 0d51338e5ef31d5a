using Distill.Teachers.QuestionAnswering;

namespace Distill.Students.QuestionAnswering;

/// <summary>Accuracy of answers on held-out examples: the class, and for numeric questions the value too.</summary>
/// <param name="Examples">Examples scored.</param>
/// <param name="Correct">Right class (and, for numeric, the right value).</param>
/// <param name="ByKind">Per gold class: (examples, correct).</param>
public sealed record QaStudentAccuracy(int Examples, int Correct, IReadOnlyDictionary<AnswerKind, (int Examples, int Correct)> ByKind)
{
    public double Accuracy => Examples == 0 ? 0 : (double)Correct / Examples;

    /// <summary>Scores <paramref name="student"/> on <paramref name="examples"/> (each read as its own window).</summary>
    public static QaStudentAccuracy Measure(QaStudent student, IReadOnlyList<QaStudentExample> examples, CancellationToken cancellationToken = default)
    {
        var byKind = new Dictionary<AnswerKind, (int, int)>();
        var correct = 0;
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = student.Answer(example.Question, example.Context);
            var right = answer.Kind == example.Kind && (example.Kind != AnswerKind.Numeric || (answer.Value is { } v && example.Value is { } g && Math.Abs(v - g) < 1e-9));
            if (right) correct++;
            var (n, c) = byKind.GetValueOrDefault(example.Kind);
            byKind[example.Kind] = (n + 1, c + (right ? 1 : 0));
        }
        return new QaStudentAccuracy(examples.Count, correct, byKind);
    }
}
