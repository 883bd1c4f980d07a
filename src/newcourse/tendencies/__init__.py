"""Declared tendencies: members organising around a platform, beyond the reach of any majority.

Members propose a tendency with a name and a platform, sign it, and withdraw their signature;
it is declared by itself once its live signatures reach the threshold the rules set. Only its
own signatories can dissolve it. No officer, committee or majority has a path to dissolve,
suspend or edit it: there is no such service, view, API route or admin page.
"""
