namespace Livepeer.Orchestrator;

/// <summary>
/// Decides when a job sent to a worker is lost: the worker's silo died (its activation comes back elsewhere, empty) or
/// the stream queue that carried it went with a dead silo. The orchestrator asks the worker every probe whether it
/// holds the job; only several "no" answers in a row count, so a job still travelling through its stream queue is
/// not sent twice. A failed probe (the worker's silo is not yet declared dead) says nothing either way.
/// </summary>
public sealed class JobWatch(int missesBeforeResend)
{
    private int _misses;

    /// <summary>Whether the job is on its way to the worker; false after a send failed.</summary>
    public bool Sent { get; private set; }

    /// <summary>How many times the job was sent again.</summary>
    public int Resends { get; private set; }

    public void OnSent(bool succeeded)
    {
        Sent = succeeded;
        _misses = 0;
    }

    /// <summary>Records one probe's answer (null: the probe failed) and says whether to send the job again now.</summary>
    public bool ShouldResend(bool? workerHoldsJob)
    {
        if (!Sent)
            return Count();
        if (workerHoldsJob is not false)
        {
            if (workerHoldsJob is true)
                _misses = 0;
            return false;
        }
        return ++_misses >= missesBeforeResend && Count();
    }

    private bool Count()
    {
        Resends++;
        return true;
    }
}
