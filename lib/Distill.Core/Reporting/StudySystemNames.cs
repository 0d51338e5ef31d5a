namespace Distill.Reporting;

/// <summary>
/// How a study run names its systems in score tables, prediction files and plots, so the report can tell the
/// students, the single teachers and the teacher combination apart without being told.
/// </summary>
public static class StudySystemNames
{
    public const string DistilledStudent = "student.distilled";
    public const string GoldStudent = "student.gold-labels";
    public const string Combination = "teachers.combination";
    public const string TeacherPrefix = "teacher.";

    /// <summary>The system name of a teacher: <c>teacher.</c> plus its name with characters unsafe in file names replaced (<c>simulated:noisy</c> → <c>teacher.simulated-noisy</c>).</summary>
    public static string Teacher(string teacherName) =>
        TeacherPrefix + new string(teacherName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());

    public static bool IsTeacher(string system) => system.StartsWith(TeacherPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A short label for narrow places (terminal tables, plot axes): <c>student</c>, <c>gold student</c>,
    /// <c>combination</c>, or the teacher's own name; other systems keep their name.
    /// </summary>
    public static string Short(string system) => system switch
    {
        DistilledStudent => "student",
        GoldStudent => "gold student",
        Combination => "combination",
        _ when IsTeacher(system) => system[TeacherPrefix.Length..],
        _ => system,
    };

    /// <summary>What a system is, in a few words, for legends under short names.</summary>
    public static string Describe(string system) => system switch
    {
        DistilledStudent => "the student trained on the teacher combination's labels",
        GoldStudent => "the same student trained on human labels",
        Combination => "the chosen teachers combined by the chosen rule",
        _ when IsTeacher(system) => "one teacher alone",
        _ => "",
    };
}
