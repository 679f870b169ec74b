package main

// utf8CodePage is the Windows code page number of UTF-8.
const utf8CodePage = 65001

// consoleCodePage decides which output code page to set on a console, given
// whether the program runs on Windows and the console's current code page
// (0 when there is no console, e.g. output is redirected). It returns 0 when
// nothing should change: jixiao writes UTF-8, so a Windows console still on
// a legacy page such as 936 (GBK) is switched to 65001.
func consoleCodePage(windows bool, current uint32) uint32 {
	if !windows || current == 0 || current == utf8CodePage {
		return 0
	}
	return utf8CodePage
}
