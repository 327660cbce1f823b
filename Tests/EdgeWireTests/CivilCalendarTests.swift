import EdgeWire
import Testing

@Test func daysAndCivilDatesRoundTripAcrossEras() {
    #expect(CivilCalendar.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilCalendar.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
    #expect(CivilCalendar.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
    #expect(CivilCalendar.civilFromDays(20_442) == (2025, 12, 20))
    // Every day from 1600 to 2400 (leap centuries included) survives the round trip and follows the one before.
    var previous = CivilCalendar.daysFromCivil(year: 1600, month: 1, day: 1) - 1
    for year in 1600...2400 {
        for month in 1...12 {
            for day in 1...CivilCalendar.daysInMonth(year: year, month: month) {
                let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
                #expect(days == previous + 1)
                let civil = CivilCalendar.civilFromDays(days)
                if civil != (year, month, day) { Issue.record("\(year)-\(month)-\(day) came back as \(civil)") }
                previous = days
            }
        }
    }
}

@Test func leapYearsFollowTheGregorianRule() {
    #expect(CivilCalendar.isLeapYear(2024) && CivilCalendar.isLeapYear(2000))
    #expect(!CivilCalendar.isLeapYear(1900) && !CivilCalendar.isLeapYear(2025))
    #expect(
        CivilCalendar.daysInMonth(year: 2024, month: 2) == 29 && CivilCalendar.daysInMonth(year: 2100, month: 2) == 28)
}
