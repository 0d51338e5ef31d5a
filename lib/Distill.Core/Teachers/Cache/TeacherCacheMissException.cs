namespace Distill.Teachers.Cache;

/// <summary>Thrown in offline mode when an answer that needs a network call is not in the cache.</summary>
public sealed class TeacherCacheMissException(string message) : Exception(message);
