// Package schedule parses and evaluates Amazon EventBridge schedule
// expressions, the cron(...), rate(...) and at(...) strings that start ECS
// scheduled tasks (docs/model.md §11, worked example W-22). It owns only
// the expression language: parsing with column-accurate errors, canonical
// printing, and computing the next firing time. It imports only the standard
// library and knows nothing of the simulator's types.
//
// The references are the EventBridge page "Creating an Amazon EventBridge
// rule that runs on a schedule",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html
// (now split into eb-scheduled-rule-pattern.html, eb-cron-expressions.html
// and eb-rate-expressions.html; "the EventBridge page" below), and the
// EventBridge Scheduler page "Schedule types on EventBridge Scheduler",
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
// ("the Scheduler page").
//
// # Cron expressions
//
// cron(minutes hours day-of-month month day-of-week year): "Cron expressions
// have six required fields, which are separated by white space." Values and
// wildcards per field, from the EventBridge page's table:
//
//	Minutes       0-59                 , - * /
//	Hours         0-23                 , - * /
//	Day-of-month  1-31                 , - * ? / L W
//	Month         1-12 or JAN-DEC      , - * /
//	Day-of-week   1-7 or SUN-SAT       , - * ? L #
//	Year          1970-2199            , - * /
//
// Day-of-week 1 is Sunday: "3#2 would be the second Tuesday of the month: the
// 3 refers to Tuesday because it is the third day of each week". All times
// are UTC: "All scheduled events use UTC+0 time zone, and the minimum
// precision for a schedule is one minute."
//
// Choices made where the pages are silent or loose:
//
//   - "/" means "from a, every n, to the end of the field" ("1/10 ... the
//     11th, 21st, and 31st minute, and so on"); "*/n" starts at the field's
//     lowest value and "a-b/n" stops at b. "/" is refused in day-of-week,
//     whose wildcard list has no "/".
//   - A range whose start is after its end wraps around ("20-2" in hours is
//     20-23 and 0-2): the EventBridge page's example 0/30 20-2 ? * MON-FRI *
//     runs "between 10:00 pm on the starting day to 2:00 am on the following
//     day" (20 is 8:00 pm; the page's "10:00 pm" is loose). Every field
//     wraps except year, where a reversed range is an error. Fields are
//     matched one by one, so that example fires Monday to Friday at
//     00:00-02:30 and 20:00-23:30, never on Saturday morning.
//   - Day-of-month and day-of-week: "If you specify a value or a *
//     (asterisk) in one of the fields, you must use a ? (question mark) in
//     the other." Exactly one of the two must be "?"; both "?" is refused
//     too (Quartz's rule; the page does not say).
//   - L in day-of-month is the month's last day; L alone in day-of-week is
//     "the last day of the ... week", Saturday (7); nL in day-of-week is the
//     last weekday n of the month (6L: "the last Friday of each month").
//   - nW is "the weekday closest to the" n-th day; it never leaves the month
//     (Quartz's rule): 1W on a Saturday is Monday the 3rd, 31W on a Sunday is
//     Friday the 29th, and nW does not fire in a month shorter than n days.
//     LW, the last weekday of the month, is accepted as in Quartz; the AWS
//     pages do not list it.
//   - "#": "If you use a '#' character, you can define only one expression
//     in the day-of-week field". L, LW, nW, nL, n#k and ? must likewise be
//     the only item of their field (as in Quartz).
//   - Month and day names and the letters L and W are case-insensitive (as
//     in Quartz); the words cron, rate and at and the rate units must be
//     lower-case, as the pages write them.
//
// # Rate expressions
//
// rate(value unit): "value: A positive number"; unit one of "minute |
// minutes | hour | hours | day | days"; "If the value is equal to 1, then the
// unit must be singular. If the value is greater than 1, the unit must be
// plural. For example, rate(1 hours) and rate(5 hour) aren't valid". The
// value is limited to 1-999999 here. A rate schedule fires at anchor + k ×
// period, k ≥ 1: "A rate expression starts when you create the scheduled
// event rule" (EventBridge page); "A rate-based schedule starts after the
// start date you specify for your schedule" (Scheduler page).
//
// # One-time schedules
//
// at(yyyy-mm-ddThh:mm:ss), from the Scheduler page: "A one-time schedule is
// a schedule that invokes a target only once." It is read as UTC, since this
// package models no time zones, and any four-digit year is accepted.
package schedule
