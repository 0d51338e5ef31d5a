using System.Diagnostics;
using Distill.Corpora;

namespace Distill.Teachers;

/// <summary>
/// The labeling of an offline teacher that computes its spans at once (dictionary, MeSH, morphology,
/// abbreviation): latency measured, no tokens, no cost, and a failed labeling for a type it does not support.
/// </summary>
internal static class OfflineLabeling
{
    /// <param name="teacher">The teacher (its name, kind and <see cref="ITeacher.Supports"/>).</param>
    /// <param name="document">The document to label.</param>
    /// <param name="entityType">The type asked for.</param>
    /// <param name="label">Spans of the type in a text.</param>
    /// <param name="unsupported">Why the type cannot be labeled (called only then).</param>
    /// <param name="cancellationToken">Checked before labeling.</param>
    public static Task<TeacherLabeling> Run(ITeacher teacher, Document document, string entityType,
        Func<string, IReadOnlyList<EntitySpan>> label, Func<string> unsupported, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        if (!teacher.Supports(entityType))
            return Task.FromResult(TeacherLabeling.Failed(teacher, document, entityType, unsupported(), null, TimeSpan.Zero));
        var spans = label(document.Text);
        return Task.FromResult(new TeacherLabeling(teacher.Name, document.Id, entityType, spans, 0, 0,
            Stopwatch.GetElapsedTime(started), 0m, false, null, null) { Kind = teacher.Kind });
    }
}
