namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Content that cannot be evaluated (a missing reference, a cycle, a variable without a value,
/// a limit passed). It never leaves the evaluator: the object, test or definition it stops
/// becomes an error result with this message as its reason.
/// </summary>
internal sealed class OvalEvaluationException(string message) : Exception(message)
{
    public OvalEvaluationException()
        : this("the OVAL content cannot be evaluated")
    {
    }

    public OvalEvaluationException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}
