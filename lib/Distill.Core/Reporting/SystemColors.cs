namespace Distill.Reporting;

/// <summary>
/// One colour per system, the same in every plot of a run and of the notebooks (issue 17): chosen from the system's
/// name alone, never from its position in a plot, so a plot that leaves some systems out keeps the others' colours.
/// The students and the combination have fixed colours; the offline teachers have their own; any other name gets a
/// colour from a stable hash of its characters. The palette is Tableau 10 (the matplotlib and Plotly default cycle).
/// </summary>
internal static class SystemColors
{
    static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        [StudySystemNames.DistilledStudent] = Palette[0],
        [StudySystemNames.Combination] = Palette[1],
        [StudySystemNames.GoldStudent] = Palette[2],
        [StudySystemNames.Teacher("dictionary")] = Palette[4],
        [StudySystemNames.Teacher("mesh")] = Palette[5],
        [StudySystemNames.Teacher("morphology")] = Palette[6],
        [StudySystemNames.Teacher("abbreviation")] = Palette[8],
        [StudySystemNames.Teacher("embedding")] = Palette[9],
    };

    /// <summary>The colour of <paramref name="system"/> as <c>#rrggbb</c>.</summary>
    public static string Of(string system)
    {
        if (Fixed.TryGetValue(system, out var color)) return color;
        // FNV-1a: string.GetHashCode is randomised per process, and the colour must not change between runs.
        var hash = 2166136261u;
        foreach (var c in system) hash = (hash ^ c) * 16777619u;
        return Palette[(int)(hash % (uint)Palette.Length)];
    }
}
