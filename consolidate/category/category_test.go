package category_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"jixiao/consolidate/category"
	"jixiao/convert"
)

func TestDefault(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"year", "2024年村级转移支付", "村级转移支付"},
		{"year and months", "2023年1-9月非税收入", "非税收入"},
		{"unpaid from last year", "2023年未拨付村级转移支付", "未拨付村级转移支付"},
		{"year 度", "2023年度财政所经费", "财政所经费"},
		{"year range", "2022—2023年农村公路养护", "农村公路养护"},
		{"quarter", "2024年第一季度统计专项业务费", "统计专项业务费"},
		{"half year", "2024年上半年征兵工作经费", "征兵工作经费"},
		{"no period", "财政所经费", "财政所经费"},
		{"full-width digits", "２０２４年非税收入", "非税收入"},
		{"only a year", "2024年", "2024年"},
		{"spaces", " 2024年 非税收入 ", "非税收入"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := category.Default(tt.in); got != tt.want {
				t.Errorf("Default(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCategorizer(t *testing.T) {
	c, err := category.New([][2]string{
		{"人居环境", "人居环境整治"},
		{`^20\d\d年(1-9月)?非税`, "非税收入（含往年）"},
		{"（一事一议）", "一事一议"},
		{"村级转移支付", "转移支付"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
	}{
		{"substring", "2024年农村人居环境整治经费", "人居环境整治"},
		{"regular expression", "2023年1-9月非税收入", "非税收入（含往年）"},
		{"full-width brackets are plain text", "农村综改（一事一议）资金", "一事一议"},
		{"first match wins", "2023年未拨付村级转移支付", "转移支付"},
		{"no rule: default", "2024年财政体制经费", "财政体制经费"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Category(tt.in); got != tt.want {
				t.Errorf("Category(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	var none *category.Categorizer
	if got := none.Category("2024年非税收入"); got != "非税收入" {
		t.Errorf("nil categorizer: %q", got)
	}
	if _, err := category.New([][2]string{{"(未闭合", "x"}}); !errors.Is(err, category.ErrTable) {
		t.Errorf("bad regular expression: err = %v, want ErrTable", err)
	}
}

func TestLoadEncodings(t *testing.T) {
	const text = "匹配,类别\n人居环境,人居环境整治\n\n非税,非税收入\n"
	for _, enc := range []string{"utf-8", "utf-8-bom", "gbk", "gb18030"} {
		t.Run(enc, func(t *testing.T) {
			data, err := convert.EncodeText(text, enc)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "类别.csv")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := category.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Category("2023年1-9月非税收入"); got != "非税收入" {
				t.Errorf("got %q", got)
			}
			if got := c.Category("2024年农村人居环境整治经费"); got != "人居环境整治" {
				t.Errorf("got %q", got)
			}
		})
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("只有一列\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := category.Load(bad); !errors.Is(err, category.ErrTable) {
		t.Errorf("one column: err = %v, want ErrTable", err)
	}
}
