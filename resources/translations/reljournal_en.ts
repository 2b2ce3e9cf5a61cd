<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AccountListModel</name>
        <message numerus="yes">
            <source>%n open promise(s)</source>
            <translation>
                <numerusform>%n open promise</numerusform>
                <numerusform>%n open promises</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AccountView</name>
        <message numerus="yes">
            <source>%n overdue promise(s)</source>
            <translation>
                <numerusform>%n overdue promise</numerusform>
                <numerusform>%n overdue promises</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Timeline — %n entry(s), newest first</source>
            <translation>
                <numerusform>Timeline — %n entry, newest first</numerusform>
                <numerusform>Timeline — %n entries, newest first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Your internal team and external partners: %n entry(s)</source>
            <translation>
                <numerusform>Your internal team and external partners: %n entry</numerusform>
                <numerusform>Your internal team and external partners: %n entries</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AccountsPane</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n account</numerusform>
                <numerusform>%n accounts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CalendarSubscription</name>
        <message numerus="yes">
            <source>Calendar updated: %n meeting(s) to log.</source>
            <translation>
                <numerusform>Calendar updated: %n meeting to log.</numerusform>
                <numerusform>Calendar updated: %n meetings to log.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n account</numerusform>
                <numerusform>%n accounts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n entry(s)</source>
            <translation>
                <numerusform>%n entry</numerusform>
                <numerusform>%n entries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n person(s)</source>
            <translation>
                <numerusform>%n person</numerusform>
                <numerusform>%n people</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>last %n day(s)</source>
            <translation>
                <numerusform>last %n day</numerusform>
                <numerusform>last %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>last entry %n day(s) ago</source>
            <translation>
                <numerusform>last entry %n day ago</numerusform>
                <numerusform>last entry %n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DueNotifier</name>
        <message numerus="yes">
            <source>%n account(s) to get in touch with</source>
            <translation>
                <numerusform>%n account to get in touch with</numerusform>
                <numerusform>%n accounts to get in touch with</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n commitment(s) overdue</source>
            <translation>
                <numerusform>%n commitment overdue</numerusform>
                <numerusform>%n commitments overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due today</source>
            <translation>
                <numerusform>%n due today</numerusform>
                <numerusform>%n due today</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n meeting(s) to log</source>
            <translation>
                <numerusform>%n meeting to log</numerusform>
                <numerusform>%n meetings to log</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DueView</name>
        <message numerus="yes">
            <source>%1 (%n day(s) late)</source>
            <translation>
                <numerusform>%1 (%n day late)</numerusform>
                <numerusform>%1 (%n days late)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) to get in touch with</source>
            <translation>
                <numerusform>%n account to get in touch with</numerusform>
                <numerusform>%n accounts to get in touch with</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Get in touch (every %n day(s))</source>
            <translation>
                <numerusform>Get in touch (every %n day)</numerusform>
                <numerusform>Get in touch (every %n days)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>last contact %n day(s) ago</source>
            <translation>
                <numerusform>last contact %n day ago</numerusform>
                <numerusform>last contact %n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message numerus="yes">
            <source>%n pair(s) of people have the same name, but one has no account or they are at different accounts, so an import kept them apart. If a pair is one person, select it and merge: the person on the right is kept with everything of both.</source>
            <translation>
                <numerusform>%n pair of people have the same name, but one has no account or they are at different accounts, so an import kept them apart. If a pair is one person, select it and merge: the person on the right is kept with everything of both.</numerusform>
                <numerusform>%n pairs of people have the same name, but one has no account or they are at different accounts, so an import kept them apart. If a pair is one person, select it and merge: the person on the right is kept with everything of both.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EntryPreview</name>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n account</numerusform>
                <numerusform>%n accounts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new account(s) will be made for them.</source>
            <translation>
                <numerusform>%n new account will be made for them.</numerusform>
                <numerusform>%n new accounts will be made for them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not a person (an organisation or group card, a deleted or nameless record)</source>
            <translation>
                <numerusform>%n not a person (an organisation or group card, a deleted or nameless record)</numerusform>
                <numerusform>%n not a person (an organisation or group card, a deleted or nameless record)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n person(s)</source>
            <translation>
                <numerusform>%n person</numerusform>
                <numerusform>%n people</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) may be someone the journal already has (the same name, but no account or another one): they were kept apart. Check them and merge those who are one person.</source>
            <translation>
                <numerusform>%n person may be someone the journal already has (the same name, but no account or another one): they were kept apart. Check them and merge those who are one person.</numerusform>
                <numerusform>%n people may be someone the journal already has (the same name, but no account or another one): they were kept apart. Check them and merge those who are one person.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n row</numerusform>
                <numerusform>%n rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with a problem</source>
            <translation>
                <numerusform>%n with a problem</numerusform>
                <numerusform>%n with a problem</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n without an organisation (go back and tick “Keep people whose organisation is not given” to import them as people without an account)</source>
            <translation>
                <numerusform>%n without an organisation (go back and tick “Keep people whose organisation is not given” to import them as people without an account)</numerusform>
                <numerusform>%n without an organisation (go back and tick “Keep people whose organisation is not given” to import them as people without an account)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>create %n</source>
            <translation>
                <numerusform>create %n</numerusform>
                <numerusform>create %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>leave %n as they are</source>
            <translation>
                <numerusform>leave %n as they are</numerusform>
                <numerusform>leave %n as they are</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>skip %n row(s)</source>
            <translation>
                <numerusform>skip %n row</numerusform>
                <numerusform>skip %n rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>update %n</source>
            <translation>
                <numerusform>update %n</numerusform>
                <numerusform>update %n</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportSummary</name>
        <message numerus="yes">
            <source>%1: %n meeting(s) from %2 to %3</source>
            <translation>
                <numerusform>%1: %n meeting from %2 to %3</numerusform>
                <numerusform>%1: %n meetings from %2 to %3</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n all-day</source>
            <translation>
                <numerusform>%n all-day</numerusform>
                <numerusform>%n all-day</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <translation>
                <numerusform>%n cancelled</numerusform>
                <numerusform>%n cancelled</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n declined</source>
            <translation>
                <numerusform>%n declined</numerusform>
                <numerusform>%n declined</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n moved or changed</source>
            <translation>
                <numerusform>%n moved or changed</numerusform>
                <numerusform>%n moved or changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new</source>
            <translation>
                <numerusform>%n new</numerusform>
                <numerusform>%n new</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n removed</source>
            <translation>
                <numerusform>%n removed</numerusform>
                <numerusform>%n removed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n without other attendees</source>
            <translation>
                <numerusform>%n without other attendees</numerusform>
                <numerusform>%n without other attendees</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>To log: %n meeting(s)</source>
            <translation>
                <numerusform>To log: %n meeting</numerusform>
                <numerusform>To log: %n meetings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MeetingsDialog</name>
        <message numerus="yes">
            <source>%n meeting(s) from your calendar to log. Enter logs the selected one, Del dismisses it.</source>
            <translation>
                <numerusform>%n meeting from your calendar to log. Enter logs the selected one, Del dismisses it.</numerusform>
                <numerusform>%n meetings from your calendar to log. Enter logs the selected one, Del dismisses it.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message numerus="yes">
            <source>Copied to the clipboard; it is cleared from there in %n seconds.</source>
            <translation>
                <numerusform>Copied to the clipboard; it is cleared from there in %n seconds.</numerusform>
                <numerusform>Copied to the clipboard; it is cleared from there in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ScatterChart</name>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message numerus="yes">
            <source>%n result(s)</source>
            <translation>
                <numerusform>%n result</numerusform>
                <numerusform>%n results</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatementUpgrade</name>
        <message numerus="yes">
            <source>%n entries read with the new classifier.</source>
            <translation>
                <numerusform>%n entries read with the new classifier.</numerusform>
                <numerusform>%n entries read with the new classifier.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SyncDialog</name>
        <message numerus="yes">
            <source>%n change(s) to send</source>
            <translation>
                <numerusform>%n change to send</numerusform>
                <numerusform>%n changes to send</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) in the sync folder are damaged, incomplete or not from this journal; they were not applied.</source>
            <translation>
                <numerusform>%n file in the sync folder are damaged, incomplete or not from this journal; they were not applied.</numerusform>
                <numerusform>%n files in the sync folder are damaged, incomplete or not from this journal; they were not applied.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) to apply</source>
            <translation>
                <numerusform>%n file to apply</numerusform>
                <numerusform>%n files to apply</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n seen</source>
            <translation>
                <numerusform>%n seen</numerusform>
                <numerusform>%n seen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n value(s) lost to a later edit on another computer. Put back the one to keep:</source>
            <translation>
                <numerusform>%n value lost to a later edit on another computer. Put back the one to keep:</numerusform>
                <numerusform>%n values lost to a later edit on another computer. Put back the one to keep:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SyncExchange</name>
        <message numerus="yes">
            <source>Sync: %n file(s) in the sync folder could not be applied.</source>
            <translation>
                <numerusform>Sync: %n file in the sync folder could not be applied.</numerusform>
                <numerusform>Sync: %n files in the sync folder could not be applied.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Synced: %n record(s) from your other computers.</source>
            <translation>
                <numerusform>Synced: %n record from your other computers.</numerusform>
                <numerusform>Synced: %n records from your other computers.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UnassignedDialog</name>
        <message numerus="yes">
            <source>%n person(s) came in without an account (an address book that named no company). Choose one, then the account it belongs to.</source>
            <translation>
                <numerusform>%n person came in without an account (an address book that named no company). Choose one, then the account it belongs to.</numerusform>
                <numerusform>%n people came in without an account (an address book that named no company). Choose one, then the account it belongs to.</numerusform>
            </translation>
        </message>
    </context>
</TS>
