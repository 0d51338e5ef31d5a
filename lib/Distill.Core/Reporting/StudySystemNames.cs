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
}
