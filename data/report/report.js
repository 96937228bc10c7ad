/* redline report — keyboard navigation: n / p jump to the next and previous
 * change.  The report is complete without this script; it only adds
 * navigation, so it touches no more of the page than it must: the list of
 * changes is a live collection and the start point is found by bisecting
 * the pages. */
(function () {
	"use strict";
	var t0 = performance.now();
	var changes = document.getElementsByClassName("chg");
	var pos = document.getElementById("rl-pos");
	var cur = -1;

	function top(el) {
		return el.getBoundingClientRect().top;
	}

	function headerHeight() {
		var bar = document.querySelector(".top");
		return bar ? bar.getBoundingClientRect().height + 8 : 0;
	}

	/* First change whose top lies below `y` (viewport coordinates).  Pages
	 * are bisected first: their boxes are known without laying out the
	 * pairs inside (content-visibility), so only one page gets laid out. */
	function firstBelow(y) {
		var pages = document.getElementsByClassName("page");
		var lo = 0, hi = pages.length, found = changes.length;
		while (lo < hi) {
			var mid = (lo + hi) >> 1;
			if (pages[mid].getBoundingClientRect().bottom > y) hi = mid; else lo = mid + 1;
		}
		for (; lo < pages.length && found === changes.length; lo++) {
			var inside = pages[lo].getElementsByClassName("chg");
			for (var j = 0; j < inside.length; j++)
				if (top(inside[j]) > y) {
					found = Array.prototype.indexOf.call(changes, inside[j]);
					break;
				}
		}
		/* changes outside the pages (a trace's steps, a check's
		 * violations) are few: each is looked at */
		var loose = outside();
		for (var k = 0; k < loose.length; k++)
			if (top(loose[k]) > y) {
				var i = Array.prototype.indexOf.call(changes, loose[k]);
				return i < found ? i : found;
			}
		return found;
	}

	var looseCache = null;
	function outside() {
		if (!looseCache) {
			looseCache = [];
			for (var i = 0; i < changes.length; i++)
				if (!changes[i].closest(".page")) looseCache.push(changes[i]);
		}
		return looseCache;
	}

	function visible(el) {
		var r = el.getBoundingClientRect();
		return r.bottom > 0 && r.top < window.innerHeight;
	}

	function show(i) {
		if (cur >= 0 && cur < changes.length) changes[cur].classList.remove("cur");
		cur = i;
		var el = changes[i];
		el.classList.add("cur");
		el.scrollIntoView({block: "start"});
		if (history.replaceState && el.id) history.replaceState(null, "", "#" + el.id);
		if (pos) pos.textContent = "change " + (i + 1) + " of " + changes.length;
	}

	function go(step) {
		var n = changes.length, i;
		if (!n) return;
		if (cur >= 0 && cur < n && visible(changes[cur])) {
			i = cur + step;
		} else {
			var y = headerHeight() + 2;
			i = firstBelow(y);
			if (step < 0) i -= 1;
		}
		if (i < 0 || i >= n) return;
		show(i);
	}

	document.addEventListener("keydown", function (e) {
		if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
		var t = e.target;
		if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
		if (e.key === "n") { go(1); e.preventDefault(); }
		else if (e.key === "p") { go(-1); e.preventDefault(); }
	});

	/* A summary or heatmap link makes its target the current change. */
	window.addEventListener("hashchange", function () {
		var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		while (el && !(el.classList && el.classList.contains("chg"))) el = el.parentNode;
		if (!el) return;
		var i = Array.prototype.indexOf.call(changes, el);
		if (i >= 0) {
			if (cur >= 0 && cur < changes.length) changes[cur].classList.remove("cur");
			cur = i;
			el.classList.add("cur");
			if (pos) pos.textContent = "change " + (i + 1) + " of " + changes.length;
		}
	});

	var keys = document.getElementById("rl-keys");
	if (keys) keys.hidden = false;
	if (pos) {
		pos.textContent = changes.length + " changes";
		pos.hidden = false;
	}
	document.documentElement.setAttribute("data-rl-ready", (performance.now() - t0).toFixed(1));
})();
