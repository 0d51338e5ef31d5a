using Distill.Corpora.Relations;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.Relations;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>The ADE study's relation teachers and the offline drug/event recognizer, built once from <c>--teachers</c>.</summary>
internal sealed record AdeTeachers(IReadOnlyList<ITeacher> Teachers, AdeMentionRecognizer Mentions, OfflineTeachers Offline)
{
    /// <summary>
    /// <c>offline</c> (default): the three offline relation teachers (<see cref="AdePatternTeacher.CreateAll"/>);
    /// <c>simulated</c>: those plus the simulated pair teachers of <see cref="TeacherSets.SimulatedProfiles"/> (reading
    /// <paramref name="gold"/>: teaching only); a teachers file: the offline three plus each LLM teacher of the file as
    /// a pair teacher (<see cref="LlmPairTeacher"/>). Every teacher answers through <paramref name="cache"/>.
    /// </summary>
    public static AdeTeachers Create(string? spec, ITeacherCache cache, bool offline, IReadOnlyDictionary<string, IReadOnlyList<AdePair>> gold)
    {
        var offlineTeachers = OfflineTeachers.Create();
        var mentions = AdeMentionRecognizer.Create(offlineTeachers);
        var patterns = AdePatternTeacher.CreateAll(mentions);
        var teachers = new List<ICacheableTeacher>(patterns);
        if (string.Equals(spec, TeacherSets.Simulated, StringComparison.OrdinalIgnoreCase))
            teachers.AddRange(TeacherSets.SimulatedProfiles.Select(p => new SimulatedPairTeacher(p, gold, patterns[^1])));
        else if (!string.IsNullOrWhiteSpace(spec) && !string.Equals(spec, TeacherSets.Offline, StringComparison.OrdinalIgnoreCase))
        {
            var llms = TeacherSets.Resolve(spec).OfType<LlmTeacher>().ToArray();
            if (llms.Length == 0) throw new ArgumentException($"--teachers '{spec}' names no LLM teacher; the ADE study takes LLM teachers from a teachers file (others are span teachers).");
            teachers.AddRange(llms.Select(l => new LlmPairTeacher(l)));
        }
        return new AdeTeachers(teachers.Select(t => (ITeacher)new CachedTeacher(t, cache, offline)).ToArray(), mentions, offlineTeachers);
    }
}
