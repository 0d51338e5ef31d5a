using System.Numerics;

namespace Distill.Aggregation;

/// <summary>
/// A non-empty subset of the teachers, as a bit mask over their indices (bit i = teacher i).
/// The reference study scores every such subset of its 5 teachers (31) on a dev set.
/// </summary>
public readonly record struct TeacherSubset(uint Mask)
{
    /// <summary>How many teachers the subset holds.</summary>
    public int Count => BitOperations.PopCount(Mask);

    public bool Contains(int teacher) => (Mask >> teacher & 1u) != 0;

    /// <summary>Teacher indices in increasing order.</summary>
    public IEnumerable<int> Members()
    {
        for (var m = Mask; m != 0; m &= m - 1)
            yield return BitOperations.TrailingZeroCount(m);
    }

    /// <summary>The members' names joined with " + ", in teacher order.</summary>
    public string Describe(IReadOnlyList<string> teacherNames) => string.Join(" + ", Members().Select(i => teacherNames[i]));

    /// <summary>All 2^n − 1 non-empty subsets of n teachers, smallest masks first.</summary>
    public static IEnumerable<TeacherSubset> All(int teacherCount)
    {
        if (teacherCount is < 1 or > MaxTeachers)
            throw new ArgumentOutOfRangeException(nameof(teacherCount), teacherCount, $"Subset search takes 1 to {MaxTeachers} teachers.");
        for (uint mask = 1; mask < 1u << teacherCount; mask++)
            yield return new TeacherSubset(mask);
    }

    /// <summary>
    /// 20 teachers is over a million subsets; the search is meant for the handful of teachers a study
    /// can afford to run (5 in the reference study, up to 10 benchmarked).
    /// </summary>
    public const int MaxTeachers = 20;
}
